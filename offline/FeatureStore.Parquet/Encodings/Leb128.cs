using System.Buffers;

namespace FeatureStore.Parquet.Encodings;

/// <summary>ULEB128 and zigzag varints as used by the RLE hybrid and DELTA_* headers.</summary>
internal static class Leb128
{
    private const int MaxBytes = 10;

    public static ulong ReadUInt64(ReadOnlySpan<byte> data, ref int position, string field)
    {
        ulong result = 0;
        for (int shift = 0; ; shift += 7)
        {
            if (position >= data.Length)
            {
                throw new InvalidDataException($"{field} is truncated: its varint runs past the end of the data at offset {position}.");
            }

            byte next = data[position++];
            if (shift == 63 && next > 1)
            {
                throw new InvalidDataException($"{field} is a varint longer than 64 bits (ends at offset {position}).");
            }

            result |= (ulong)(next & 0x7F) << shift;
            if (next < 0x80)
            {
                return result;
            }
        }
    }

    public static long ReadZigZag64(ReadOnlySpan<byte> data, ref int position, string field)
    {
        ulong raw = ReadUInt64(data, ref position, field);
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public static void WriteUInt64(IBufferWriter<byte> output, ulong value)
    {
        Span<byte> target = output.GetSpan(MaxBytes);
        int written = 0;
        while (value >= 0x80)
        {
            target[written++] = (byte)(value | 0x80);
            value >>= 7;
        }

        target[written++] = (byte)value;
        output.Advance(written);
    }

    public static void WriteZigZag64(IBufferWriter<byte> output, long value) =>
        WriteUInt64(output, (ulong)((value << 1) ^ (value >> 63)));
}
