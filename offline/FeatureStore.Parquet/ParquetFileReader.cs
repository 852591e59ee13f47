using System.Buffers;
using FeatureStore.Parquet.Compression;
using FeatureStore.Parquet.Format;
using FeatureStore.Parquet.Reading;
using Microsoft.Win32.SafeHandles;

namespace FeatureStore.Parquet;

/// <summary>
/// Reads one Parquet file: the footer at open, then only the byte ranges of the column chunks asked for.
/// Safe for concurrent reads of different row groups or columns (positional reads on one handle); dispose to close the file.
/// </summary>
public sealed class ParquetFileReader : IDisposable
{
    private readonly SafeFileHandle _handle;
    private readonly long _fileLength;
    private readonly DateTime _lastWriteUtc;
    private readonly ParquetReadOptions _options;
    private readonly FileMetaData _metadata;
    private readonly IReadOnlyList<ColumnDescriptor> _columns;

    private ParquetFileReader(string path, SafeFileHandle handle, long fileLength, ParquetReadOptions options, FileMetaData metadata)
    {
        Path = path;
        _handle = handle;
        _fileLength = fileLength;
        _lastWriteUtc = File.GetLastWriteTimeUtc(handle);
        _options = options;
        _metadata = metadata;
        (Schema, _columns, var leafCount, UnsupportedColumns) = SchemaReader.Read(metadata.Schema);
        var rowGroups = new RowGroupInfo[metadata.RowGroups.Count];
        long rows = 0;
        for (var i = 0; i < rowGroups.Length; i++)
        {
            rowGroups[i] = DescribeRowGroup(i, metadata.RowGroups[i], leafCount);
            rows += rowGroups[i].RowCount;
        }

        RowGroups = rowGroups;
        RowCount = rows;
        var keyValues = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var kv in metadata.KeyValueMetadata)
        {
            keyValues[kv.Key] = kv.Value ?? string.Empty;
        }

        KeyValueMetadata = keyValues;
        CreatedBy = metadata.CreatedBy;
    }

    /// <summary>A reader of the same file on a new handle, sharing <paramref name="parsed"/>'s footer, schema and row groups.</summary>
    private ParquetFileReader(ParquetFileReader parsed, SafeFileHandle handle)
    {
        Path = parsed.Path;
        _handle = handle;
        _fileLength = parsed._fileLength;
        _lastWriteUtc = parsed._lastWriteUtc;
        _options = parsed._options;
        _metadata = parsed._metadata;
        _columns = parsed._columns;
        Schema = parsed.Schema;
        UnsupportedColumns = parsed.UnsupportedColumns;
        RowGroups = parsed.RowGroups;
        RowCount = parsed.RowCount;
        KeyValueMetadata = parsed.KeyValueMetadata;
        CreatedBy = parsed.CreatedBy;
    }

    public string Path { get; }

    public ParquetSchema Schema { get; }

    /// <summary>Total rows over all row groups.</summary>
    public long RowCount { get; }

    public IReadOnlyList<RowGroupInfo> RowGroups { get; }

    public IReadOnlyDictionary<string, string> KeyValueMetadata { get; }

    public string? CreatedBy { get; }

    /// <summary>Top-level columns this reader cannot represent (structs, maps, nested lists); they are left out of <see cref="Schema"/>.</summary>
    public IReadOnlyList<string> UnsupportedColumns { get; }

    /// <summary>
    /// The physical type the file stores column <paramref name="column"/> (of <see cref="Schema"/>) in, as the Parquet
    /// spec names it: INT32, INT96, FIXED_LEN_BYTE_ARRAY(16), ..., and LIST&lt;T&gt; for a list. The logical type alone
    /// does not say it: a decimal may be INT32, INT64, FIXED_LEN_BYTE_ARRAY or BYTE_ARRAY, a legacy timestamp INT96.
    /// </summary>
    public string PhysicalTypeName(int column)
    {
        var descriptor = _columns[column];
        var leaf = descriptor.Physical switch
        {
            PhysicalType.Boolean => "BOOLEAN",
            PhysicalType.Int32 => "INT32",
            PhysicalType.Int64 => "INT64",
            PhysicalType.Int96 => "INT96",
            PhysicalType.Float => "FLOAT",
            PhysicalType.Double => "DOUBLE",
            PhysicalType.ByteArray => "BYTE_ARRAY",
            PhysicalType.FixedLenByteArray => $"FIXED_LEN_BYTE_ARRAY({descriptor.TypeLength})",
            var other => other.ToString().ToUpperInvariant(),
        };
        return descriptor.IsList ? $"LIST<{leaf}>" : leaf;
    }

    /// <summary>Opens a file and reads its footer. Throws <see cref="ParquetException"/> for anything that is not valid Parquet.</summary>
    public static ParquetFileReader Open(string path, ParquetReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= ParquetReadOptions.Default;
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ParquetException($"cannot open: {ex.Message}", path, null, null, ex);
        }

        try
        {
            var length = RandomAccess.GetLength(handle);
            var metadata = FooterReader.Read(handle, length, options);
            return new ParquetFileReader(path, handle, length, options, metadata);
        }
        catch (Exception ex)
        {
            handle.Dispose();
            throw ParquetException.Wrap(ex, path, null, null);
        }
    }

    /// <summary>
    /// Opens this reader's file again on a handle of its own, reusing the footer already parsed (this reader may have
    /// been disposed since), so reading one row group per open does not parse a large footer each time. Null when the
    /// file's length or last write time changed: it must then be opened afresh.
    /// </summary>
    internal ParquetFileReader? Reopen()
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(Path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ParquetException($"cannot open: {ex.Message}", Path, null, null, ex);
        }

        if (RandomAccess.GetLength(handle) == _fileLength && File.GetLastWriteTimeUtc(handle) == _lastWriteUtc)
        {
            return new ParquetFileReader(this, handle);
        }

        handle.Dispose();
        return null;
    }

    /// <summary>Reads one row group; only the chunks of the projected columns (all when null) are read from disk.</summary>
    public RecordBatch ReadRowGroup(int index, IReadOnlyList<string>? columns = null)
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        if ((uint)index >= (uint)RowGroups.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"file has {RowGroups.Count} row groups");
        }

        var projected = Project(columns);
        var rowGroup = _metadata.RowGroups[index];
        var rowCount = (int)RowGroups[index].RowCount;
        var fields = new ParquetField[projected.Count];
        var result = new Column[projected.Count];
        for (var i = 0; i < projected.Count; i++)
        {
            fields[i] = projected[i].Field;
            result[i] = ReadChunk(index, rowGroup, projected[i], rowCount);
        }

        return new RecordBatch(new ParquetSchema(fields), result, rowCount);
    }

    /// <summary>
    /// Streams the file row group by row group. With <paramref name="batchRows"/> &gt; 0 larger row groups are cut into
    /// batches of at most that many rows (a copy); 0 yields one batch per row group.
    /// </summary>
    public IEnumerable<RecordBatch> ReadBatches(IReadOnlyList<string>? columns = null, int batchRows = 0)
    {
        Project(columns);
        return ReadBatchesLazily(columns, batchRows);
    }

    private IEnumerable<RecordBatch> ReadBatchesLazily(IReadOnlyList<string>? columns, int batchRows)
    {
        for (var g = 0; g < RowGroups.Count; g++)
        {
            var batch = ReadRowGroup(g, columns);
            if (batchRows <= 0 || batch.RowCount <= batchRows)
            {
                yield return batch;
                continue;
            }

            for (var start = 0; start < batch.RowCount; start += batchRows)
            {
                yield return ColumnSlicer.Slice(batch, start, Math.Min(batchRows, batch.RowCount - start));
            }
        }
    }

    /// <summary>Reads every row group into one batch.</summary>
    public RecordBatch ReadAll(IReadOnlyList<string>? columns = null)
    {
        var batches = new List<RecordBatch>(RowGroups.Count);
        for (var g = 0; g < RowGroups.Count; g++)
        {
            batches.Add(ReadRowGroup(g, columns));
        }

        if (batches.Count == 1)
        {
            return batches[0];
        }

        var projected = Project(columns);
        var fields = new ParquetField[projected.Count];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = projected[i].Field;
        }

        return ColumnConcatenator.Concat(new ParquetSchema(fields), batches);
    }

    public void Dispose() => _handle.Dispose();

    private List<ColumnDescriptor> Project(IReadOnlyList<string>? names)
    {
        if (names is null)
        {
            return [.. _columns];
        }

        var projected = new List<ColumnDescriptor>(names.Count);
        foreach (var name in names)
        {
            var index = Schema.IndexOf(name);
            if (index < 0)
            {
                throw new ParquetException($"no column '{name}' in the file (columns: {string.Join(", ", Schema.Fields.Select(f => f.Name))})", Path, name, null);
            }

            projected.Add(_columns[index]);
        }

        return projected;
    }

    private Column ReadChunk(int index, RowGroup rowGroup, ColumnDescriptor column, int rowCount)
    {
        var meta = rowGroup.Columns[column.LeafIndex].MetaData!;
        byte[]? buffer = null;
        try
        {
            if (!CodecNames.IsSupported(meta.Codec))
            {
                throw new ParquetException($"codec {CodecNames.Of(meta.Codec)} is not supported");
            }

            var (start, length) = ChunkRange(meta);
            buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(length, 1));
            var chunk = buffer.AsSpan(0, (int)length);
            FileBytes.ReadExactly(_handle, chunk, start);
            var reader = new ColumnChunkReader(column, meta, rowCount, _options, meta.TotalUncompressedSize);
            return reader.Read(chunk);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw ParquetException.Wrap(ex, Path, column.Field.Name, index);
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private (long Start, long Length) ChunkRange(ColumnMetaData meta)
    {
        var start = meta.DictionaryPageOffset is { } dictionary && dictionary > 0 && dictionary < meta.DataPageOffset
            ? dictionary
            : meta.DataPageOffset;
        var length = meta.TotalCompressedSize;
        if (start < 4 || length < 0 || start + length > _fileLength - 8)
        {
            throw new InvalidDataException($"column chunk byte range {start}+{length} lies outside the file's {_fileLength} bytes");
        }

        if (length > _options.MaxAllocationBytes || length > Array.MaxLength)
        {
            throw new InvalidDataException($"column chunk of {length} bytes exceeds the {_options.MaxAllocationBytes}-byte allocation limit");
        }

        return (start, length);
    }

    private RowGroupInfo DescribeRowGroup(int index, RowGroup rowGroup, int leafCount)
    {
        if (rowGroup.Columns.Count != leafCount)
        {
            throw new ParquetException($"row group has {rowGroup.Columns.Count} column chunks, the schema has {leafCount} leaf columns", Path, null, index);
        }

        if (rowGroup.NumRows is < 0 or > int.MaxValue)
        {
            throw new ParquetException($"row group declares {rowGroup.NumRows} rows", Path, null, index);
        }

        var chunks = new ColumnChunkInfo[_columns.Count];
        for (var i = 0; i < chunks.Length; i++)
        {
            var column = _columns[i];
            var chunk = rowGroup.Columns[column.LeafIndex];
            if (chunk.FilePath is not null)
            {
                throw new ParquetException($"column chunk stored in external file '{chunk.FilePath}' is not supported", Path, column.Field.Name, index);
            }

            var meta = chunk.MetaData ?? throw new ParquetException("column chunk has no meta_data", Path, column.Field.Name, index);
            var encodings = new ParquetEncoding[meta.Encodings.Count];
            for (var e = 0; e < encodings.Length; e++)
            {
                encodings[e] = (ParquetEncoding)meta.Encodings[e];
            }

            chunks[i] = new ColumnChunkInfo(
                column.Field.Name,
                (ParquetCompression)meta.Codec,
                encodings,
                meta.NumValues,
                meta.TotalCompressedSize,
                meta.TotalUncompressedSize,
                StatisticsDecoder.Decode(meta.Statistics, column));
        }

        return new RowGroupInfo(index, rowGroup.NumRows, rowGroup.TotalByteSize, chunks);
    }
}
