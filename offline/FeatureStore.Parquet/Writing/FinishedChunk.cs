using FeatureStore.Parquet.Format;

namespace FeatureStore.Parquet.Writing;

/// <summary>An encoded column chunk ready to append: an optional dictionary page, then the data pages.</summary>
internal sealed class FinishedChunk
{
    public required ReadOnlyMemory<byte> DictionaryPage { get; init; }

    public required ChunkBytes DataPages { get; init; }

    /// <summary>Metadata with offsets relative to the chunk start; <see cref="Place"/> makes them absolute.</summary>
    public required ColumnMetaData MetaData { get; init; }

    public long Length => DictionaryPage.Length + DataPages.Length;

    /// <summary>Whether <see cref="Release"/> ran: the data pages are gone.</summary>
    public bool Released => DataPages.Released;

    public void CopyTo(Stream stream)
    {
        stream.Write(DictionaryPage.Span);
        DataPages.CopyTo(stream);
    }

    /// <summary>Gives the data pages' buffers back for reuse; the chunk cannot be written afterwards.</summary>
    public void Release() => DataPages.Release();

    /// <summary>The chunk's metadata placed at <paramref name="fileOffset"/>: a copy, so this chunk's own metadata stays relative.</summary>
    public ColumnChunk Place(long fileOffset)
    {
        var placed = new ColumnMetaData
        {
            Type = MetaData.Type,
            Encodings = MetaData.Encodings,
            PathInSchema = MetaData.PathInSchema,
            Codec = MetaData.Codec,
            NumValues = MetaData.NumValues,
            TotalUncompressedSize = MetaData.TotalUncompressedSize,
            TotalCompressedSize = MetaData.TotalCompressedSize,
            DataPageOffset = fileOffset + DictionaryPage.Length,
            DictionaryPageOffset = DictionaryPage.IsEmpty ? MetaData.DictionaryPageOffset : fileOffset,
            Statistics = MetaData.Statistics,
        };
        return new ColumnChunk { FileOffset = fileOffset, MetaData = placed };
    }
}
