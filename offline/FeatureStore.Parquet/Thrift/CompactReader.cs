using System.Buffers.Binary;
using System.Text;

namespace FeatureStore.Parquet.Thrift;

/// <summary>
/// Thrift compact protocol reader over a byte span. Malformed input throws <see cref="InvalidDataException"/>;
/// collection sizes are checked against the bytes left and nesting depth is bounded.
/// </summary>
internal ref struct CompactReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _maxDepth;
    private int _depth;

    public CompactReader(ReadOnlySpan<byte> data, int maxDepth)
    {
        _data = data;
        _maxDepth = maxDepth;
    }

    public int Position { get; private set; }

    public readonly int Remaining => _data.Length - Position;

    /// <summary>Enters a struct: call before reading its fields, with a fresh lastFieldId of 0.</summary>
    public void EnterStruct()
    {
        if (++_depth > _maxDepth)
        {
            throw new InvalidDataException($"thrift nesting deeper than {_maxDepth}");
        }
    }

    public void ExitStruct() => _depth--;

    /// <summary>Reads a field header; false at the struct's stop byte.</summary>
    public bool ReadFieldHeader(ref short lastFieldId, out byte type, out short fieldId)
    {
        var header = ReadByte();
        type = (byte)(header & 0x0F);
        if (type == CompactType.Stop)
        {
            fieldId = 0;
            return false;
        }

        var delta = header >> 4;
        fieldId = delta != 0 ? (short)(lastFieldId + delta) : ReadI16();
        lastFieldId = fieldId;
        return true;
    }

    public byte ReadByte()
    {
        if (Position >= _data.Length)
        {
            throw new InvalidDataException("thrift data ends unexpectedly");
        }

        return _data[Position++];
    }

    public static bool ReadBool(byte fieldType) => fieldType == CompactType.BooleanTrue;

    public short ReadI16() => checked((short)ZigZag(ReadVarint()));

    public int ReadI32()
    {
        var value = ZigZag(ReadVarint());
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw new InvalidDataException($"thrift i32 out of range: {value}");
        }

        return (int)value;
    }

    public long ReadI64() => ZigZag(ReadVarint());

    public double ReadDouble()
    {
        var bytes = Take(8);
        return BinaryPrimitives.ReadDoubleLittleEndian(bytes);
    }

    public ReadOnlySpan<byte> ReadBinary()
    {
        var length = ReadVarint();
        if (length > (ulong)Remaining)
        {
            throw new InvalidDataException($"thrift binary length {length} exceeds the {Remaining} bytes left");
        }

        return Take((int)length);
    }

    public string ReadString() => Encoding.UTF8.GetString(ReadBinary());

    /// <summary>Reads a list or set header. The count is checked against the bytes left (every element takes one byte or more).</summary>
    public int ReadListHeader(out byte elementType)
    {
        var header = ReadByte();
        elementType = (byte)(header & 0x0F);
        ulong count = (ulong)(header >> 4);
        if (count == 15)
        {
            count = ReadVarint();
        }

        if (count > (ulong)Remaining)
        {
            throw new InvalidDataException($"thrift list of {count} elements exceeds the {Remaining} bytes left");
        }

        return (int)count;
    }

    /// <summary>Skips a value of the given wire type (unknown fields, forward compatibility).</summary>
    public void Skip(byte type)
    {
        switch (type)
        {
            case CompactType.BooleanTrue:
            case CompactType.BooleanFalse:
                break;
            case CompactType.Byte:
                ReadByte();
                break;
            case CompactType.I16:
            case CompactType.I32:
            case CompactType.I64:
                ReadVarint();
                break;
            case CompactType.Double:
                Take(8);
                break;
            case CompactType.Binary:
                ReadBinary();
                break;
            case CompactType.List:
            case CompactType.Set:
                SkipList();
                break;
            case CompactType.Map:
                SkipMap();
                break;
            case CompactType.Struct:
                SkipStruct();
                break;
            default:
                throw new InvalidDataException($"unknown thrift type {type}");
        }
    }

    public void SkipStruct()
    {
        EnterStruct();
        short last = 0;
        while (ReadFieldHeader(ref last, out var type, out _))
        {
            Skip(type);
        }

        ExitStruct();
    }

    private void SkipList()
    {
        var count = ReadListHeader(out var elementType);
        EnterStruct();
        for (var i = 0; i < count; i++)
        {
            if (elementType is CompactType.BooleanTrue or CompactType.BooleanFalse)
            {
                ReadByte();
            }
            else
            {
                Skip(elementType);
            }
        }

        ExitStruct();
    }

    private void SkipMap()
    {
        var count = ReadVarint();
        if (count == 0)
        {
            return;
        }

        if (count > (ulong)Remaining)
        {
            throw new InvalidDataException($"thrift map of {count} entries exceeds the {Remaining} bytes left");
        }

        var types = ReadByte();
        EnterStruct();
        for (ulong i = 0; i < count; i++)
        {
            SkipMapItem((byte)(types >> 4));
            SkipMapItem((byte)(types & 0x0F));
        }

        ExitStruct();
    }

    private void SkipMapItem(byte type)
    {
        if (type is CompactType.BooleanTrue or CompactType.BooleanFalse)
        {
            ReadByte();
        }
        else
        {
            Skip(type);
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > Remaining)
        {
            throw new InvalidDataException("thrift data ends unexpectedly");
        }

        var slice = _data.Slice(Position, count);
        Position += count;
        return slice;
    }

    private ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new InvalidDataException("thrift varint longer than 10 bytes");
    }

    private static long ZigZag(ulong n) => (long)(n >> 1) ^ -(long)(n & 1);
}
