using System.Buffers;
using System.Text;

namespace FeatureStore.Parquet.Thrift;

/// <summary>Thrift compact protocol writer appending to a buffer. Structs are written field by field in id order.</summary>
internal sealed class CompactWriter
{
    private readonly IBufferWriter<byte> _output;
    private readonly Stack<short> _lastIds = new();
    private short _lastId;

    public CompactWriter(IBufferWriter<byte> output)
    {
        _output = output;
    }

    public void BeginStruct()
    {
        _lastIds.Push(_lastId);
        _lastId = 0;
    }

    public void EndStruct()
    {
        WriteByte(CompactType.Stop);
        _lastId = _lastIds.Pop();
    }

    public void FieldHeader(short id, byte type)
    {
        var delta = id - _lastId;
        if (delta is > 0 and <= 15)
        {
            WriteByte((byte)((delta << 4) | type));
        }
        else
        {
            WriteByte(type);
            WriteVarint(ZigZag(id));
        }

        _lastId = id;
    }

    public void I32Field(short id, int value)
    {
        FieldHeader(id, CompactType.I32);
        WriteVarint(ZigZag(value));
    }

    public void I64Field(short id, long value)
    {
        FieldHeader(id, CompactType.I64);
        WriteVarint(ZigZag(value));
    }

    public void ByteField(short id, sbyte value)
    {
        FieldHeader(id, CompactType.Byte);
        WriteByte((byte)value);
    }

    public void BoolField(short id, bool value) => FieldHeader(id, value ? CompactType.BooleanTrue : CompactType.BooleanFalse);

    public void BinaryField(short id, ReadOnlySpan<byte> value)
    {
        FieldHeader(id, CompactType.Binary);
        Binary(value);
    }

    public void StringField(short id, string value)
    {
        FieldHeader(id, CompactType.Binary);
        String(value);
    }

    /// <summary>Starts a struct-valued field; finish it with <see cref="EndStruct"/>.</summary>
    public void StructField(short id)
    {
        FieldHeader(id, CompactType.Struct);
        BeginStruct();
    }

    /// <summary>An empty struct field (marker structs of unions).</summary>
    public void EmptyStructField(short id)
    {
        StructField(id);
        EndStruct();
    }

    public void ListField(short id, byte elementType, int count)
    {
        FieldHeader(id, CompactType.List);
        ListHeader(elementType, count);
    }

    public void ListHeader(byte elementType, int count)
    {
        if (count < 15)
        {
            WriteByte((byte)((count << 4) | elementType));
        }
        else
        {
            WriteByte((byte)(0xF0 | elementType));
            WriteVarint((ulong)count);
        }
    }

    public void I32(int value) => WriteVarint(ZigZag(value));

    public void Binary(ReadOnlySpan<byte> value)
    {
        WriteVarint((ulong)value.Length);
        _output.Write(value);
    }

    public void String(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteVarint((ulong)length);
        var span = _output.GetSpan(length);
        Encoding.UTF8.GetBytes(value, span);
        _output.Advance(length);
    }

    private void WriteByte(byte value)
    {
        var span = _output.GetSpan(1);
        span[0] = value;
        _output.Advance(1);
    }

    private void WriteVarint(ulong value)
    {
        var span = _output.GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        _output.Advance(i);
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));
}
