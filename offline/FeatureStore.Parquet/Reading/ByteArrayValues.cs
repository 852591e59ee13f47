using System.Buffers.Binary;
using FeatureStore.Parquet.Encodings;

namespace FeatureStore.Parquet.Reading;

/// <summary>BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY leaves as offsets + one growing data array.</summary>
internal sealed class ByteArrayValues : LeafValues
{
    private readonly int[] _offsets;
    private readonly int _fixedLength;
    private readonly long _maxBytes;
    private byte[] _data;
    private int[] _dictionaryOffsets = [0];
    private byte[] _dictionaryData = [];
    private int _dictionaryCount = -1;

    /// <param name="fixedLength">0 for BYTE_ARRAY, else the FIXED_LEN_BYTE_ARRAY length.</param>
    public ByteArrayValues(int capacity, int fixedLength, int initialBytes, long maxBytes)
    {
        _offsets = new int[capacity + 1];
        _fixedLength = fixedLength;
        _maxBytes = Math.Min(maxBytes, Array.MaxLength);
        _data = new byte[Math.Clamp(initialBytes, 16, (int)Math.Min(_maxBytes, 1 << 26))];
    }

    public int[] Offsets => _offsets;

    public byte[] Data => _data;

    private string Physical => _fixedLength > 0 ? "FIXED_LEN_BYTE_ARRAY" : "BYTE_ARRAY";

    public override void ReadDictionary(ReadOnlySpan<byte> data, int count)
    {
        var minBytes = _fixedLength > 0 ? (long)count * _fixedLength : (long)count * 4;
        if (count < 0 || minBytes > data.Length)
        {
            throw new InvalidDataException($"dictionary page declares {count} values but holds {data.Length} bytes");
        }

        var offsets = new int[count + 1];
        var bytes = new byte[data.Length];
        DecodePlain(data, count, offsets, bytes, 0);
        _dictionaryOffsets = offsets;
        _dictionaryData = bytes;
        _dictionaryCount = count;
    }

    public override void DecodeDense(ReadOnlySpan<byte> data, ParquetEncoding encoding, int slotStart, int count)
    {
        var start = _offsets[slotStart];
        switch (encoding)
        {
            case ParquetEncoding.Plain:
                {
                    if (_fixedLength > 0)
                    {
                        EnsureCapacity(start, (long)count * _fixedLength);
                    }
                    else
                    {
                        EnsureCapacity(start, data.Length - (4L * count));
                    }

                    DecodePlain(data, count, _offsets.AsSpan(slotStart, count + 1), _data, start);
                    break;
                }

            case ParquetEncoding.PlainDictionary:
            case ParquetEncoding.RleDictionary:
                Gather(DecodeIndices(data, count, _dictionaryCount), slotStart);
                break;
            case ParquetEncoding.DeltaLengthByteArray:
                {
                    DeltaLengthByteArray.Decode(data, count, out var offsets, out var bytes, out _);
                    Append(offsets, bytes, slotStart, count);
                    break;
                }

            case ParquetEncoding.DeltaByteArray:
                {
                    DeltaByteArray.Decode(data, count, out var offsets, out var bytes, out _);
                    Append(offsets, bytes, slotStart, count);
                    break;
                }

            case ParquetEncoding.ByteStreamSplit when _fixedLength > 0:
                {
                    var total = (long)count * _fixedLength;
                    EnsureCapacity(start, total);
                    ByteStreamSplit.Decode(data, _fixedLength, count, _data.AsSpan(start, (int)total));
                    for (var i = 0; i < count; i++)
                    {
                        _offsets[slotStart + i + 1] = start + ((i + 1) * _fixedLength);
                    }

                    break;
                }

            default:
                throw Unsupported(encoding, Physical);
        }
    }

    public override void Spread(int slotStart, int denseCount, ReadOnlySpan<bool> valid)
    {
        var ends = _offsets.AsSpan(slotStart + 1, valid.Length);
        var pageStart = _offsets[slotStart];
        var j = denseCount - 1;
        for (var i = valid.Length - 1; i >= 0 && i > j; i--)
        {
            if (valid[i])
            {
                ends[i] = ends[j--];
            }
            else
            {
                ends[i] = j >= 0 ? ends[j] : pageStart;
            }
        }
    }

    public override Column Build(int slotCount, bool[]? validity) => new BinaryColumn(_offsets, _data, slotCount, validity);

    /// <summary>PLAIN values into offsets[0..count] (offsets[0] must hold the start) and bytes from position start.</summary>
    private int DecodePlain(ReadOnlySpan<byte> data, int count, Span<int> offsets, byte[] bytes, int start)
    {
        offsets[0] = start;
        var position = 0;
        var end = start;
        if (_fixedLength > 0)
        {
            var total = (long)count * _fixedLength;
            if (total > data.Length)
            {
                throw new InvalidDataException($"page holds {data.Length} value bytes, {count} values of {_fixedLength} bytes need {total}");
            }

            data[..(int)total].CopyTo(bytes.AsSpan(start));
            for (var i = 1; i <= count; i++)
            {
                offsets[i] = start + (i * _fixedLength);
            }

            return start + (int)total;
        }

        for (var i = 0; i < count; i++)
        {
            if (data.Length - position < 4)
            {
                throw new InvalidDataException($"BYTE_ARRAY value {i} of {count}: data ends before its length");
            }

            var length = BinaryPrimitives.ReadInt32LittleEndian(data[position..]);
            position += 4;
            if (length < 0 || length > data.Length - position)
            {
                throw new InvalidDataException($"BYTE_ARRAY value {i} of {count} declares length {length} but {data.Length - position} bytes are left");
            }

            data.Slice(position, length).CopyTo(bytes.AsSpan(end));
            position += length;
            end += length;
            offsets[i + 1] = end;
        }

        return end;
    }

    private void Gather(ReadOnlySpan<int> indices, int slotStart)
    {
        var end = _offsets[slotStart];
        long total = 0;
        foreach (var index in indices)
        {
            total += _dictionaryOffsets[index + 1] - _dictionaryOffsets[index];
        }

        EnsureCapacity(end, total);
        var data = _data;
        var dictionary = _dictionaryData;
        var dictionaryOffsets = _dictionaryOffsets;
        for (var i = 0; i < indices.Length; i++)
        {
            var index = indices[i];
            var from = dictionaryOffsets[index];
            var length = dictionaryOffsets[index + 1] - from;
            if (length <= 16)
            {
                for (var k = 0; k < length; k++)
                {
                    data[end + k] = dictionary[from + k];
                }
            }
            else
            {
                Buffer.BlockCopy(dictionary, from, data, end, length);
            }

            end += length;
            _offsets[slotStart + i + 1] = end;
        }
    }

    private void Append(int[] offsets, byte[] bytes, int slotStart, int count)
    {
        var start = _offsets[slotStart];
        var total = offsets[count] - offsets[0];
        if (_fixedLength > 0 && total != (long)count * _fixedLength)
        {
            throw new InvalidDataException($"FIXED_LEN_BYTE_ARRAY page decoded {total} bytes for {count} values of {_fixedLength}");
        }

        EnsureCapacity(start, total);
        bytes.AsSpan(offsets[0], total).CopyTo(_data.AsSpan(start));
        for (var i = 1; i <= count; i++)
        {
            _offsets[slotStart + i] = start + (offsets[i] - offsets[0]);
        }
    }

    private void EnsureCapacity(int used, long extra)
    {
        var needed = used + Math.Max(extra, 0);
        if (needed <= _data.Length)
        {
            return;
        }

        if (needed > _maxBytes)
        {
            throw new InvalidDataException($"column data needs {needed} bytes, over the {_maxBytes}-byte allocation limit");
        }

        var size = Math.Min(Math.Max(needed, (long)_data.Length * 2), _maxBytes);
        Array.Resize(ref _data, (int)size);
    }
}
