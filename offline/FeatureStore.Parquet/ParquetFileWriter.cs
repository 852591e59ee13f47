using System.Buffers;
using System.Buffers.Binary;
using FeatureStore.Parquet.Compression;
using FeatureStore.Parquet.Format;
using FeatureStore.Parquet.Thrift;
using FeatureStore.Parquet.Writing;

namespace FeatureStore.Parquet;

/// <summary>
/// Writes one Parquet file from record batches, cutting row groups of <see cref="ParquetWriteOptions.RowGroupSize"/> rows.
/// Close or Dispose writes the footer. A file path is written to a temporary file that is renamed into place on close
/// (and deleted instead if a write failed half-way).
/// </summary>
public sealed class ParquetFileWriter : IDisposable
{
    private static ReadOnlySpan<byte> Magic => "PAR1"u8;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly string? _finalPath;
    private readonly string? _tempPath;
    private readonly ParquetWriteOptions _options;
    private readonly List<SchemaElement> _elements;
    private readonly ColumnDescriptor[] _columns;
    private readonly List<RowGroup> _rowGroups = [];
    private readonly ColumnWorkScheduler _scheduler;
    private ColumnChunkWriter[]? _chunkWriters;
    private int _bufferedRows;
    private long _position;
    private bool _closed;
    private bool _failed;

    private ParquetFileWriter(Stream stream, bool leaveOpen, string? finalPath, string? tempPath, ParquetSchema schema, ParquetWriteOptions options)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        _finalPath = finalPath;
        _tempPath = tempPath;
        _options = options;
        Schema = schema;
        (_elements, _columns) = SchemaWriter.Build(schema);
        _scheduler = new ColumnWorkScheduler(_columns.Length, options.MaxDegreeOfParallelism);
        _stream.Write(Magic);
        _position = Magic.Length;
    }

    public ParquetSchema Schema { get; }

    /// <summary>Rows written so far (including rows still buffered in the open row group).</summary>
    public long RowCount { get; private set; }

    public static ParquetFileWriter Create(string path, ParquetSchema schema, ParquetWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(schema);
        options ??= ParquetWriteOptions.Default;
        ValidateOptions(options, path);
        var full = System.IO.Path.GetFullPath(path);
        var temp = $"{full}.tmp-{Guid.NewGuid():N}";
        FileStream stream;
        try
        {
            stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ParquetException($"cannot create: {ex.Message}", path, null, null, ex);
        }

        return new ParquetFileWriter(stream, leaveOpen: false, full, temp, schema, options);
    }

    public static ParquetFileWriter Create(Stream stream, ParquetSchema schema, ParquetWriteOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(schema);
        options ??= ParquetWriteOptions.Default;
        ValidateOptions(options, null);
        return new ParquetFileWriter(stream, leaveOpen, null, null, schema, options);
    }

    /// <summary>Appends the batch's rows; full row groups are encoded and written as they fill.</summary>
    public void WriteBatch(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(_closed, this);
        BatchValidator.Validate(Schema, batch, _finalPath);
        var position = 0;
        while (position < batch.RowCount)
        {
            var take = Math.Min(batch.RowCount - position, _options.RowGroupSize - _bufferedRows);
            var writers = _chunkWriters ??= CreateChunkWriters();
            var start = position;
            RunPerColumn(take, c => writers[c].Write(batch.Columns[c], start, take));
            _bufferedRows += take;
            RowCount += take;
            position += take;
            if (_bufferedRows >= _options.RowGroupSize)
            {
                FlushRowGroup();
            }
        }
    }

    /// <summary>
    /// Encodes one column chunk (the <paramref name="column"/>-th field of <paramref name="schema"/>) on the calling thread,
    /// away from any file, so a producer can encode each column as soon as its values exist; safe on several threads at
    /// once. Append the chunks with <see cref="WriteRowGroup"/> on a writer with the same schema and options.
    /// </summary>
    public static EncodedColumnChunk EncodeColumnChunk(ParquetSchema schema, ParquetWriteOptions options, int column, Column values)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, schema.Count);
        ValidateOptions(options, null);
        var field = schema[column];
        BatchValidator.ValidateColumn(field, values, null);
        var descriptor = SchemaWriter.Build(new ParquetSchema([field])).Columns[0];
        try
        {
            var writer = ChunkWriterFactory.Create(descriptor, options);
            writer.Write(values, 0, values.Length);
            return new EncodedColumnChunk(column, field, values.Length, writer.Finish());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw ParquetException.Wrap(ex, null, field.Name, null);
        }
    }

    /// <summary>
    /// Appends one row group made of chunks from <see cref="EncodeColumnChunk"/>: one per column in schema order, all with
    /// the same row count. Rows buffered by <see cref="WriteBatch"/> are flushed as their own row group first.
    /// </summary>
    public void WriteRowGroup(IReadOnlyList<EncodedColumnChunk> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        ObjectDisposedException.ThrowIf(_closed, this);
        if (chunks.Count != _columns.Length)
        {
            throw new ParquetException($"row group has {chunks.Count} column chunks, the file schema has {_columns.Length} columns", _finalPath, null, null);
        }

        for (var c = 0; c < chunks.Count; c++)
        {
            if (ChunkProblem(c, chunks[c], chunks[0]) is { } problem)
            {
                throw new ParquetException(problem, _finalPath, _columns[c].Field.Name, _rowGroups.Count);
            }
        }

        Flush();
        if (chunks.Count == 0 || chunks[0].RowCount == 0)
        {
            return;
        }

        AppendRowGroup([.. chunks.Select(c => c.Chunk)], chunks[0].RowCount);
        RowCount += chunks[0].RowCount;
    }

    /// <summary>Why <paramref name="chunk"/> cannot be the <paramref name="c"/>-th chunk of a row group of this file, or null.</summary>
    private string? ChunkProblem(int c, EncodedColumnChunk? chunk, EncodedColumnChunk? first)
    {
        var expected = _columns[c].Field;
        if (chunk is null || first is null)
        {
            return $"chunk {c} is null";
        }

        if (chunk.Chunk.Released)
        {
            return $"chunk {c} ('{chunk.Field.Name}') was released after writing; encode it again";
        }

        if (chunk.Column != c)
        {
            return $"chunk {c} was encoded for column {chunk.Column} ('{chunk.Field.Name}'); chunks must follow the schema order";
        }

        if (chunk.Field != expected)
        {
            return $"chunk {c} was encoded for field '{chunk.Field}', the file's column {c} is '{expected}'";
        }

        return chunk.RowCount != first.RowCount ? $"chunk {c} has {chunk.RowCount} rows, chunk 0 has {first.RowCount}" : null;
    }

    /// <summary>Ends the open row group now (if it has rows).</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (_bufferedRows > 0)
        {
            FlushRowGroup();
        }
    }

    /// <summary>Writes the last row group and the footer, then closes (and renames into place) the file.</summary>
    public void Close()
    {
        if (_closed)
        {
            return;
        }

        try
        {
            Flush();
            WriteFooter();
            _stream.Flush();
        }
        catch
        {
            _failed = true;
            throw;
        }
        finally
        {
            _closed = true;
            Release();
        }
    }

    public void Dispose()
    {
        if (_closed)
        {
            return;
        }

        if (_failed)
        {
            _closed = true;
            Release();
            return;
        }

        Close();
    }

    private static void ValidateOptions(ParquetWriteOptions options, string? path)
    {
        string? problem = null;
        if (options.RowGroupSize <= 0)
        {
            problem = $"RowGroupSize must be positive, got {options.RowGroupSize}";
        }
        else if (options.DataPageSize <= 0)
        {
            problem = $"DataPageSize must be positive, got {options.DataPageSize}";
        }
        else if (options.DataPageVersion is not (1 or 2))
        {
            problem = $"DataPageVersion must be 1 or 2, got {options.DataPageVersion}";
        }
        else if (options.MaxDegreeOfParallelism <= 0)
        {
            problem = $"MaxDegreeOfParallelism must be positive, got {options.MaxDegreeOfParallelism}";
        }
        else if (!CodecNames.IsSupported((int)options.Compression))
        {
            problem = $"codec {CodecNames.Of((int)options.Compression)} is not supported for writing";
        }

        if (problem is not null)
        {
            throw new ParquetException(problem, path, null, null);
        }
    }

    private ColumnChunkWriter[] CreateChunkWriters()
    {
        var writers = new ColumnChunkWriter[_columns.Length];
        for (var c = 0; c < writers.Length; c++)
        {
            writers[c] = ChunkWriterFactory.Create(_columns[c], _options);
        }

        return writers;
    }

    private void Guard(int column, Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _failed = true;
            throw ParquetException.Wrap(ex, _finalPath, _columns[column].Field.Name, _rowGroups.Count);
        }
    }

    /// <summary>Runs one step per column (in parallel when allowed); a failure fails the file and names the column.</summary>
    private void RunPerColumn(int rows, Action<int> work)
    {
        if (_scheduler.Run(rows, work) is not { } failure)
        {
            return;
        }

        if (failure.Error.SourceException is OperationCanceledException)
        {
            failure.Error.Throw();
        }

        _failed = true;
        throw ParquetException.Wrap(failure.Error.SourceException, _finalPath, _columns[failure.Column].Field.Name, _rowGroups.Count);
    }

    /// <summary>Finishes every column chunk (in parallel), then appends them in schema order and makes their offsets absolute.</summary>
    private void FlushRowGroup()
    {
        var writers = _chunkWriters!;
        _chunkWriters = null;
        var chunks = new FinishedChunk[writers.Length];
        RunPerColumn(_bufferedRows, c => chunks[c] = writers[c].Finish());
        AppendRowGroup(chunks, _bufferedRows);
        foreach (var chunk in chunks)
        {
            chunk.Release();
        }

        _bufferedRows = 0;
    }

    /// <summary>Appends finished chunks in schema order and makes their offsets absolute.</summary>
    private void AppendRowGroup(FinishedChunk[] chunks, int rows)
    {
        var rowGroup = new RowGroup { NumRows = rows, FileOffset = _position, Ordinal = (short)Math.Min(_rowGroups.Count, short.MaxValue) };
        long compressed = 0;
        for (var c = 0; c < chunks.Length; c++)
        {
            var finished = chunks[c];
            var chunk = finished.Place(_position);
            Guard(c, () => finished.CopyTo(_stream));
            _position += finished.Length;
            compressed += finished.Length;
            rowGroup.TotalByteSize += chunk.MetaData!.TotalUncompressedSize;
            rowGroup.Columns.Add(chunk);
        }

        rowGroup.TotalCompressedSize = compressed;
        _rowGroups.Add(rowGroup);
    }

    private void WriteFooter()
    {
        var keyValues = new List<KeyValue>();
        if (_options.KeyValueMetadata is { } metadata)
        {
            foreach (var (key, value) in metadata)
            {
                keyValues.Add(new KeyValue { Key = key, Value = value });
            }
        }

        var footer = new FileMetaData
        {
            Version = 2,
            Schema = _elements,
            NumRows = RowCount,
            RowGroups = _rowGroups,
            KeyValueMetadata = keyValues,
            CreatedBy = _options.CreatedBy,
            TypeDefinedColumnOrders = _columns.Length,
        };
        var buffer = new ArrayBufferWriter<byte>(4096);
        footer.Write(new CompactWriter(buffer));
        _stream.Write(buffer.WrittenSpan);
        Span<byte> tail = stackalloc byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(tail, buffer.WrittenCount);
        Magic.CopyTo(tail[4..]);
        _stream.Write(tail);
        _position += buffer.WrittenCount + 8;
    }

    private void Release()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }

        if (_tempPath is null || _finalPath is null)
        {
            return;
        }

        if (_failed)
        {
            File.Delete(_tempPath);
        }
        else
        {
            File.Move(_tempPath, _finalPath, overwrite: true);
        }
    }
}
