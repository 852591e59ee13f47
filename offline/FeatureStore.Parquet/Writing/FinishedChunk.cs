using FeatureStore.Parquet.Format;

namespace FeatureStore.Parquet.Writing;

/// <summary>An encoded column chunk ready to append: an optional dictionary page, then the data pages.</summary>
internal sealed class FinishedChunk
{
    public required ReadOnlyMemory<byte> DictionaryPage { get; init; }

    public required ReadOnlyMemory<byte> DataPages { get; init; }

    /// <summary>Metadata with offsets relative to the chunk start; <see cref="Place"/> makes them absolute.</summary>
    public required ColumnMetaData MetaData { get; init; }

    public long Length => DictionaryPage.Length + DataPages.Length;

    public ColumnChunk Place(long fileOffset)
    {
        if (!DictionaryPage.IsEmpty)
        {
            MetaData.DictionaryPageOffset = fileOffset;
        }

        MetaData.DataPageOffset = fileOffset + DictionaryPage.Length;
        return new ColumnChunk { FileOffset = fileOffset, MetaData = MetaData };
    }
}
