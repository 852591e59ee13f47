using System.Buffers.Binary;
using Google.Protobuf;

namespace FeatureStore.Serving.Features;

/// <summary>
/// Protobuf wire primitives written into a span (varints, fixed-width little-endian, length-delimited bytes), with the
/// matching size functions. The encoder of the hot reply uses these instead of allocating generated message objects;
/// tests parse its output with Google.Protobuf's generated parser.
/// </summary>
internal ref struct ProtoSpanWriter(Span<byte> destination)
{
    private readonly Span<byte> buffer = destination;

    public int Position { get; private set; }

    public static int VarintSize(ulong value) => CodedOutputStream.ComputeRawVarint64Size(value);

    /// <summary>Size of a length-delimited field with a one-byte tag and a body of <paramref name="length"/> bytes.</summary>
    public static int FieldSize(int length) => 1 + VarintSize((uint)length) + length;

    public void Byte(byte value) => buffer[Position++] = value;

    public void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            buffer[Position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        buffer[Position++] = (byte)value;
    }

    /// <summary>A one-byte tag followed by a length prefix; the caller writes the body next.</summary>
    public void Header(byte tag, int length)
    {
        buffer[Position++] = tag;
        Varint((uint)length);
    }

    public void Fixed32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[Position..], value);
        Position += 4;
    }

    public void Fixed64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(buffer[Position..], value);
        Position += 8;
    }

    public void Bytes(scoped ReadOnlySpan<byte> value)
    {
        value.CopyTo(buffer[Position..]);
        Position += value.Length;
    }

    public void Utf8(string value) => Position += System.Text.Encoding.UTF8.GetBytes(value, buffer[Position..]);
}
