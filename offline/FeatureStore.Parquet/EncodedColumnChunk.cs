using FeatureStore.Parquet.Writing;

namespace FeatureStore.Parquet;

/// <summary>
/// One column chunk encoded by <see cref="ParquetFileWriter.EncodeColumnChunk"/>, waiting to be appended by
/// <see cref="ParquetFileWriter.WriteRowGroup"/>. Each append places a copy of its metadata, so one chunk may be appended
/// more than once; <see cref="Release"/> after the last append lets later chunks reuse its buffers.
/// </summary>
public sealed class EncodedColumnChunk
{
    internal EncodedColumnChunk(int column, ParquetField field, int rowCount, FinishedChunk chunk)
    {
        Column = column;
        Field = field;
        RowCount = rowCount;
        Chunk = chunk;
    }

    /// <summary>The column's position in the schema.</summary>
    public int Column { get; }

    /// <summary>The field (name, type, nullability) the chunk was encoded for; the file's column must be the same.</summary>
    public ParquetField Field { get; }

    public int RowCount { get; }

    /// <summary>Encoded bytes (dictionary and data pages).</summary>
    public long Length => Chunk.Length;

    internal FinishedChunk Chunk { get; }

    /// <summary>Gives the encoded bytes' buffers back for reuse. Appending the chunk afterwards is refused.</summary>
    public void Release() => Chunk.Release();
}
