using System.Buffers;

namespace FeatureStore.Online.Encoding;

/// <summary>LEB128 unsigned varints and zigzag signed varints, as protobuf writes them.</summary>
internal static class VarInt
{
    public const int MaxLength = 10;

    public static void WriteUnsigned(IBufferWriter<byte> writer, ulong value)
    {
        var span = writer.GetSpan(MaxLength);
        var n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[n++] = (byte)value;
        writer.Advance(n);
    }

    public static void WriteSigned(IBufferWriter<byte> writer, long value) =>
        WriteUnsigned(writer, (ulong)((value << 1) ^ (value >> 63)));

    public static bool TryReadUnsigned(ReadOnlySpan<byte> source, ref int position, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= source.Length)
                return false;
            var b = source[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return true;
        }
        return false;
    }

    public static bool TryReadSigned(ReadOnlySpan<byte> source, ref int position, out long value)
    {
        if (!TryReadUnsigned(source, ref position, out var raw))
        {
            value = 0;
            return false;
        }
        value = (long)(raw >> 1) ^ -(long)(raw & 1);
        return true;
    }
}
