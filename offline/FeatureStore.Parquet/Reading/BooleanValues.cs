using System.Buffers.Binary;
using FeatureStore.Parquet.Encodings;

namespace FeatureStore.Parquet.Reading;

/// <summary>BOOLEAN leaves: PLAIN (bit-packed) or RLE (length-prefixed hybrid with bit width 1).</summary>
internal sealed class BooleanValues : LeafValues
{
    private readonly bool[] _values;
    private int[] _scratch = [];

    public BooleanValues(int capacity)
    {
        _values = new bool[capacity];
    }

    public override void ReadDictionary(ReadOnlySpan<byte> data, int count) =>
        throw new InvalidDataException("BOOLEAN columns cannot have a dictionary page");

    public override void DecodeDense(ReadOnlySpan<byte> data, ParquetEncoding encoding, int slotStart, int count)
    {
        var target = _values.AsSpan(slotStart, count);
        switch (encoding)
        {
            case ParquetEncoding.Plain:
                PlainBoolean.Decode(data, target);
                break;
            case ParquetEncoding.Rle:
                {
                    if (data.Length < 4)
                    {
                        throw new InvalidDataException("RLE boolean page lacks its 4-byte length");
                    }

                    var length = BinaryPrimitives.ReadInt32LittleEndian(data);
                    if (length < 0 || length > data.Length - 4)
                    {
                        throw new InvalidDataException($"RLE boolean length {length} exceeds the {data.Length - 4} bytes left");
                    }

                    if (_scratch.Length < count)
                    {
                        _scratch = new int[count];
                    }

                    var bits = _scratch.AsSpan(0, count);
                    RleBitPackedHybrid.Decode(data.Slice(4, length), 1, bits);
                    for (var i = 0; i < count; i++)
                    {
                        target[i] = bits[i] != 0;
                    }

                    break;
                }

            default:
                throw Unsupported(encoding, "BOOLEAN");
        }
    }

    public override void Spread(int slotStart, int denseCount, ReadOnlySpan<bool> valid)
    {
        var values = _values.AsSpan(slotStart, valid.Length);
        var j = denseCount - 1;
        for (var i = valid.Length - 1; i >= 0 && i > j; i--)
        {
            values[i] = valid[i] && values[j--];
        }
    }

    public override Column Build(int slotCount, bool[]? validity) => new BooleanColumn(_values, slotCount, validity);
}
