using FeatureStore.Parquet.Writing;

namespace FeatureStore.Parquet;

/// <summary>
/// One column chunk encoded by <see cref="ParquetFileWriter.EncodeColumnChunk"/>, waiting to be appended by
/// <see cref="ParquetFileWriter.WriteRowGroup"/>. Append it to one file only: its metadata takes that file's offsets.
/// </summary>
public sealed class EncodedColumnChunk
{
    internal EncodedColumnChunk(int column, int rowCount, FinishedChunk chunk)
    {
        Column = column;
        RowCount = rowCount;
        Chunk = chunk;
    }

    /// <summary>The column's position in the schema.</summary>
    public int Column { get; }

    public int RowCount { get; }

    /// <summary>Encoded bytes (dictionary and data pages).</summary>
    public long Length => Chunk.Length;

    internal FinishedChunk Chunk { get; }
}
