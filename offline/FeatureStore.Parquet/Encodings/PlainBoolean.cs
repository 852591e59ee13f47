using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace FeatureStore.Parquet.Encodings;

/// <summary>PLAIN encoding of BOOLEAN: one bit per value, LSB first, last byte zero-padded.</summary>
internal static class PlainBoolean
{
    // Spread[b] has byte k = bit k of b, so one table load turns a packed byte into 8 bools.
    private static readonly ulong[] Spread = BuildSpreadTable();

    /// <summary>Decodes output.Length values and returns the bytes consumed.</summary>
    public static int Decode(ReadOnlySpan<byte> data, Span<bool> output)
    {
        int needed = (int)(((long)output.Length + 7) >> 3);
        if (data.Length < needed)
        {
            throw new InvalidDataException($"PLAIN BOOLEAN data holds {data.Length} bytes but {output.Length} values need {needed}.");
        }

        Span<byte> target = MemoryMarshal.AsBytes(output);
        int fullBytes = output.Length >> 3;
        for (int i = 0; i < fullBytes; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(target[(8 * i)..], Spread[data[i]]);
        }

        for (int i = fullBytes * 8; i < output.Length; i++)
        {
            output[i] = (data[i >> 3] >> (i & 7) & 1) != 0;
        }

        return needed;
    }

    public static void Encode(ReadOnlySpan<bool> values, IBufferWriter<byte> output)
    {
        int length = (values.Length + 7) >> 3;
        Span<byte> target = output.GetSpan(Math.Max(length, 1))[..length];
        target.Clear();
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i])
            {
                target[i >> 3] |= (byte)(1 << (i & 7));
            }
        }

        output.Advance(length);
    }

    private static ulong[] BuildSpreadTable()
    {
        var table = new ulong[256];
        for (int value = 0; value < 256; value++)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                if ((value >> bit & 1) != 0)
                {
                    table[value] |= 1UL << (8 * bit);
                }
            }
        }

        return table;
    }
}
