using FeatureStore.Parquet.Encodings;

namespace FeatureStore.Parquet.Reading;

/// <summary>
/// Decoded values of one leaf column, stored by slot (a row for flat columns, an element for lists).
/// Pages first decode their non-null values densely at the page's first slot, then <see cref="Spread"/>
/// moves them to their final slots. Malformed data throws <see cref="InvalidDataException"/>.
/// </summary>
internal abstract class LeafValues
{
    private int[] _indices = [];

    public abstract void ReadDictionary(ReadOnlySpan<byte> data, int count);

    public abstract void DecodeDense(ReadOnlySpan<byte> data, ParquetEncoding encoding, int slotStart, int count);

    /// <summary>Moves <paramref name="denseCount"/> values decoded at slotStart to the valid slots of slotStart..slotStart+valid.Length.</summary>
    public abstract void Spread(int slotStart, int denseCount, ReadOnlySpan<bool> valid);

    public abstract Column Build(int slotCount, bool[]? validity);

    /// <summary>Decodes RLE_DICTIONARY indexes (bit width byte + hybrid runs) into a reused buffer.</summary>
    protected ReadOnlySpan<int> DecodeIndices(ReadOnlySpan<byte> data, int count, int dictionaryCount)
    {
        if (count == 0)
        {
            return [];
        }

        if (dictionaryCount < 0)
        {
            throw new InvalidDataException("dictionary-encoded page without a dictionary page");
        }

        if (data.IsEmpty)
        {
            throw new InvalidDataException("dictionary-encoded page has no data");
        }

        if (_indices.Length < count)
        {
            _indices = new int[Math.Max(count, _indices.Length * 2)];
        }

        var indices = _indices.AsSpan(0, count);
        RleBitPackedHybrid.Decode(data[1..], data[0], indices);
        foreach (var index in indices)
        {
            if ((uint)index >= (uint)dictionaryCount)
            {
                throw new InvalidDataException($"dictionary index {index} out of range (dictionary has {dictionaryCount} entries)");
            }
        }

        return indices;
    }

    protected static InvalidDataException Unsupported(ParquetEncoding encoding, string physical) =>
        new($"encoding {encoding} is not supported for {physical} values");
}
