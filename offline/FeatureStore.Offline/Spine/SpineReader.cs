using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Offline;

/// <summary>
/// Reads a spine (.parquet or .csv file, or an in-memory batch) and its timestamp column; CSV columns that are join keys
/// take the entity's type. Files and batches go through the same checks (timestamp column present, a timestamp type, no nulls).
/// </summary>
internal static class SpineReader
{
    public static SpineTable Read(TrainingSetRequest request, IReadOnlyDictionary<string, FeatureType> keyTypes)
    {
        if ((request.SpinePath is null) == (request.SpineBatch is null))
        {
            throw new TrainingSetException("give one spine: a file (SpinePath) or an in-memory batch (SpineBatch)");
        }

        if (request.SpineBatch is { } memory)
        {
            var batch = memory.MatchNamesLoosely ? LooseColumnNames.Rename(memory.Batch, memory.Label, [request.TimestampColumn, .. keyTypes.Keys]) : memory.Batch;
            return FromBatch(memory.Label, batch, request.TimestampColumn) with { InMemory = true };
        }

        return Read(Path.GetFullPath(request.SpinePath!), request.TimestampColumn, keyTypes);
    }

    public static SpineTable Read(string path, string timestampColumn, IReadOnlyDictionary<string, FeatureType> keyTypes)
    {
        if (!File.Exists(path))
        {
            throw new TrainingSetException($"spine file not found: {path}");
        }

        var extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".csv" => CsvSpineReader.Read(path, timestampColumn, keyTypes),
            ".parquet" or ".pq" => ReadParquet(path, timestampColumn),
            _ => throw new TrainingSetException($"spine {path}: unsupported file type '{extension}' (use .parquet or .csv)"),
        };
    }

    private static SpineTable ReadParquet(string path, string timestampColumn)
    {
        RecordBatch batch;
        try
        {
            using var reader = ParquetFileReader.Open(path);
            batch = reader.ReadAll();
        }
        catch (ParquetException e)
        {
            throw new TrainingSetException($"spine {path} is not a readable Parquet file: {e.Message}", e);
        }

        return FromBatch(path, batch, timestampColumn);
    }

    /// <param name="name">The file's path or the batch's label, as errors name the spine.</param>
    private static SpineTable FromBatch(string name, RecordBatch batch, string timestampColumn)
    {
        var index = batch.Schema.IndexOf(timestampColumn);
        if (index < 0)
        {
            throw new TrainingSetException($"spine {name} has no timestamp column '{timestampColumn}' (columns: {string.Join(", ", batch.Schema.Fields.Select(f => f.Name))}; choose one with --timestamp-column)");
        }

        var type = batch.Schema[index].Type;
        var where = $"spine {name} column '{timestampColumn}'";
        if (!TimestampColumns.IsSupported(type))
        {
            throw new TrainingSetException($"{where} has type {type}, which is not a timestamp");
        }

        var micros = new long[batch.RowCount];
        var valid = new bool[batch.RowCount];
        TimestampColumns.Read(batch[index], type, micros, valid, where);
        var missing = Array.IndexOf(valid, false);
        if (missing >= 0)
        {
            throw new TrainingSetException($"{where}: row {missing} has no timestamp (null)");
        }

        return new SpineTable(name, batch, micros);
    }
}
