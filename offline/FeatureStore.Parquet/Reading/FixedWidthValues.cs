using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FeatureStore.Parquet.Encodings;

namespace FeatureStore.Parquet.Reading;

/// <summary>INT32, INT64, FLOAT, DOUBLE leaves (and INT96, converted to nanoseconds since the epoch while decoding).</summary>
internal sealed class FixedWidthValues<T> : LeafValues
    where T : unmanaged
{
    private const long JulianDayOfEpoch = 2_440_588;
    private const long NanosPerDay = 86_400_000_000_000;

    private readonly T[] _values;
    private readonly bool _int96;
    private T[] _dictionary = [];
    private int _dictionaryCount = -1;

    public FixedWidthValues(int capacity, ColumnBufferPool? pool = null, bool int96 = false)
    {
        _values = pool is null ? new T[capacity] : pool.Rent<T>(capacity);
        _int96 = int96;
    }

    public T[] Values => _values;

    private static int Size => Unsafe.SizeOf<T>();

    private int StoredSize => _int96 ? 12 : Size;

    public override void ReadDictionary(ReadOnlySpan<byte> data, int count)
    {
        if ((long)count * StoredSize > data.Length)
        {
            throw new InvalidDataException($"dictionary page declares {count} values but holds {data.Length} bytes");
        }

        _dictionary = new T[count];
        DecodePlain(data, _dictionary);
        _dictionaryCount = count;
    }

    public override void DecodeDense(ReadOnlySpan<byte> data, ParquetEncoding encoding, int slotStart, int count)
    {
        var target = _values.AsSpan(slotStart, count);
        switch (encoding)
        {
            case ParquetEncoding.Plain:
                if ((long)count * StoredSize > data.Length)
                {
                    throw new InvalidDataException($"page holds {data.Length} value bytes, {count} values need {(long)count * StoredSize}");
                }

                DecodePlain(data, target);
                break;
            case ParquetEncoding.PlainDictionary:
            case ParquetEncoding.RleDictionary:
                {
                    var indices = DecodeIndices(data, count, _dictionaryCount);
                    var dictionary = _dictionary;
                    for (var i = 0; i < indices.Length; i++)
                    {
                        target[i] = dictionary[indices[i]];
                    }

                    break;
                }

            case ParquetEncoding.DeltaBinaryPacked when typeof(T) == typeof(int) && !_int96:
                DeltaBinaryPacked.DecodeInt32(data, MemoryMarshal.Cast<T, int>(target), out _);
                break;
            case ParquetEncoding.DeltaBinaryPacked when typeof(T) == typeof(long) && !_int96:
                DeltaBinaryPacked.DecodeInt64(data, MemoryMarshal.Cast<T, long>(target), out _);
                break;
            case ParquetEncoding.ByteStreamSplit when !_int96:
                ByteStreamSplit.Decode(data, Size, count, MemoryMarshal.AsBytes(target));
                break;
            default:
                throw Unsupported(encoding, _int96 ? "INT96" : typeof(T).Name);
        }
    }

    public override void Spread(int slotStart, int denseCount, ReadOnlySpan<bool> valid)
    {
        var values = _values.AsSpan(slotStart, valid.Length);
        var j = denseCount - 1;
        for (var i = valid.Length - 1; i >= 0 && i > j; i--)
        {
            if (valid[i])
            {
                values[i] = values[j--];
            }
            else
            {
                values[i] = default;
            }
        }
    }

    public override Column Build(int slotCount, bool[]? validity)
    {
        if (typeof(T) == typeof(int))
        {
            return new Int32Column((int[])(object)_values, slotCount, validity);
        }

        if (typeof(T) == typeof(long))
        {
            return new Int64Column((long[])(object)_values, slotCount, validity);
        }

        if (typeof(T) == typeof(float))
        {
            return new FloatColumn((float[])(object)_values, slotCount, validity);
        }

        return new DoubleColumn((double[])(object)_values, slotCount, validity);
    }

    private void DecodePlain(ReadOnlySpan<byte> data, Span<T> target)
    {
        if (!_int96)
        {
            MemoryMarshal.Cast<byte, T>(data[..(target.Length * Size)]).CopyTo(target);
            return;
        }

        var longs = MemoryMarshal.Cast<T, long>(target);
        for (var i = 0; i < longs.Length; i++)
        {
            var item = data.Slice(i * 12, 12);
            var nanosOfDay = BinaryPrimitives.ReadInt64LittleEndian(item);
            var julianDay = BinaryPrimitives.ReadInt32LittleEndian(item[8..]);
            longs[i] = unchecked(((julianDay - JulianDayOfEpoch) * NanosPerDay) + nanosOfDay);
        }
    }
}
