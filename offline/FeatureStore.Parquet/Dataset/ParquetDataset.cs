using System.Collections.Concurrent;
using FeatureStore.Parquet.Dataset;

namespace FeatureStore.Parquet;

/// <summary>
/// A set of Parquet files: one file, a directory tree (every *.parquet below it), or a glob (<c>*</c>, <c>?</c>, <c>**</c>).
/// Hive folders <c>key=value/</c> become partition columns appended after the file columns: Int64 when every value
/// parses as a long, else String (missing or <c>__HIVE_DEFAULT_PARTITION__</c> values are null).
/// The schema is the first file's; files are opened lazily, footer first.
/// </summary>
public sealed class ParquetDataset
{
    private readonly ParquetReadOptions _options;
    private readonly ParquetSchema _fileSchema;

    // Per file, a reader (its handle closed) whose parsed footer later row group reads reuse.
    private readonly ConcurrentDictionary<string, ParquetFileReader> _parsedFooters = new(StringComparer.Ordinal);

    private ParquetDataset(IReadOnlyList<DatasetFile> files, ParquetSchema fileSchema, IReadOnlyList<ParquetField> partitionFields, ParquetReadOptions options)
    {
        Files = files;
        _fileSchema = fileSchema;
        PartitionFields = partitionFields;
        _options = options;
        Schema = new ParquetSchema([.. fileSchema.Fields, .. partitionFields]);
    }

    public IReadOnlyList<DatasetFile> Files { get; }

    public IReadOnlyList<ParquetField> PartitionFields { get; }

    /// <summary>File columns followed by partition columns.</summary>
    public ParquetSchema Schema { get; }

    public static ParquetDataset Open(string pathOrDirOrGlob, ParquetReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pathOrDirOrGlob);
        options ??= ParquetReadOptions.Default;
        var files = DatasetDiscovery.Discover(pathOrDirOrGlob);
        if (files.Count == 0)
        {
            throw new ParquetException("no Parquet files found", pathOrDirOrGlob, null, null);
        }

        ParquetSchema fileSchema;
        using (var first = ParquetFileReader.Open(files[0].Path, options))
        {
            fileSchema = first.Schema;
        }

        return new ParquetDataset(files, fileSchema, PartitionColumns.InferFields(files, fileSchema), options);
    }

    /// <summary>
    /// The files <paramref name="pathOrDirOrGlob"/> matches, in the order <see cref="Open"/> gives them, with their partition
    /// values; no file is opened. Empty when nothing matches, including when there is no such file, directory or glob root.
    /// </summary>
    public static IReadOnlyList<DatasetFile> FindFiles(string pathOrDirOrGlob)
    {
        ArgumentNullException.ThrowIfNull(pathOrDirOrGlob);
        return DatasetDiscovery.Discover(pathOrDirOrGlob, missingIsEmpty: true);
    }

    /// <summary>A dataset of only the files whose partition values pass the predicate (no file is opened).</summary>
    public ParquetDataset WherePartitions(Func<IReadOnlyDictionary<string, string>, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var kept = new List<DatasetFile>();
        foreach (var file in Files)
        {
            if (predicate(file.Partitions))
            {
                kept.Add(file);
            }
        }

        return new ParquetDataset(kept, _fileSchema, PartitionFields, _options);
    }

    /// <summary>Every row group of every file with its statistics (reads footers only), for min/max skipping.</summary>
    public IEnumerable<DatasetRowGroup> RowGroups()
    {
        foreach (var file in Files)
        {
            using var reader = ParquetFileReader.Open(file.Path, _options);
            foreach (var rowGroup in reader.RowGroups)
            {
                yield return new DatasetRowGroup(file, rowGroup);
            }
        }
    }

    /// <summary>
    /// Reads one row group; <paramref name="columns"/> may name file and partition columns (all when null). Safe to call
    /// concurrently. Each file's footer is parsed once per dataset (again only if the file changed), not once per row group.
    /// </summary>
    public RecordBatch ReadRowGroup(DatasetRowGroup rowGroup, IReadOnlyList<string>? columns = null)
    {
        ArgumentNullException.ThrowIfNull(rowGroup);
        var path = rowGroup.File.Path;
        var reader = _parsedFooters.TryGetValue(path, out var parsed) ? parsed.Reopen() : null;
        if (reader is null)
        {
            reader = ParquetFileReader.Open(path, _options);
            _parsedFooters[path] = reader;
        }

        using (reader)
        {
            return Read(reader, rowGroup.File, rowGroup.RowGroup.Index, columns ?? AllColumns());
        }
    }

    /// <summary>Streams batches (one per row group) of the files, skipping row groups the filter rejects.</summary>
    public IEnumerable<RecordBatch> ReadBatches(IReadOnlyList<string>? columns = null, Func<DatasetRowGroup, bool>? rowGroupFilter = null)
    {
        var names = columns ?? AllColumns();
        foreach (var name in names)
        {
            if (Schema.IndexOf(name) < 0)
            {
                throw new ParquetException($"no column '{name}' in the dataset", null, name, null);
            }
        }

        return ReadBatchesLazily(names, rowGroupFilter);
    }

    private IEnumerable<RecordBatch> ReadBatchesLazily(IReadOnlyList<string> names, Func<DatasetRowGroup, bool>? rowGroupFilter)
    {
        foreach (var file in Files)
        {
            using var reader = ParquetFileReader.Open(file.Path, _options);
            foreach (var info in reader.RowGroups)
            {
                if (rowGroupFilter is null || rowGroupFilter(new DatasetRowGroup(file, info)))
                {
                    yield return Read(reader, file, info.Index, names);
                }
            }
        }
    }

    private List<string> AllColumns() => [.. Schema.Fields.Select(f => f.Name)];

    private RecordBatch Read(ParquetFileReader reader, DatasetFile file, int index, IReadOnlyList<string> names)
    {
        var fileColumns = new List<string>();
        foreach (var name in names)
        {
            if (!IsPartition(name))
            {
                fileColumns.Add(name);
            }
        }

        var fileBatch = reader.ReadRowGroup(index, fileColumns);
        var rows = fileBatch.RowCount;
        var fields = new ParquetField[names.Count];
        var result = new Column[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            if (IsPartition(name))
            {
                var field = PartitionFields.First(f => f.Name == name);
                fields[i] = field;
                result[i] = PartitionColumns.Constant(field, PartitionColumns.Value(file, name), rows);
            }
            else
            {
                var at = fileBatch.Schema.IndexOf(name);
                fields[i] = fileBatch.Schema[at];
                result[i] = fileBatch.Columns[at];
            }
        }

        return new RecordBatch(new ParquetSchema(fields), result, rows);
    }

    private bool IsPartition(string name)
    {
        foreach (var field in PartitionFields)
        {
            if (field.Name == name)
            {
                return true;
            }
        }

        return false;
    }
}
