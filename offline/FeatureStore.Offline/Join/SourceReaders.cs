using FeatureStore.Parquet;

namespace FeatureStore.Offline;

/// <summary>One thread's open readers over a view's source files, so parallel row-group reads never share a reader.</summary>
internal sealed class SourceReaders(ResolvedView view) : IDisposable
{
    private readonly Dictionary<string, ParquetFileReader> _readers = new(StringComparer.Ordinal);

    public RecordBatch Read(DatasetRowGroup rowGroup, IReadOnlyList<string> columns)
    {
        var path = rowGroup.File.Path;
        try
        {
            if (!_readers.TryGetValue(path, out var reader))
            {
                reader = ParquetFileReader.Open(path);
                _readers.Add(path, reader);
            }

            return reader.ReadRowGroup(rowGroup.RowGroup.Index, columns);
        }
        catch (Exception e) when (e is ParquetException or IOException or UnauthorizedAccessException)
        {
            throw new TrainingSetException($"cannot read {path} (source of feature view '{view.Name}'): {e.Message}", e);
        }
    }

    public void Dispose()
    {
        foreach (var reader in _readers.Values)
        {
            reader.Dispose();
        }

        _readers.Clear();
    }
}
