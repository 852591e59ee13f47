using System.Buffers;
using System.Numerics;

namespace FeatureStore.Parquet.Encodings;

internal static partial class DeltaBinaryPacked
{
    private const int BlockSize = 128;
    private const int MiniblockCount = 4;
    private const int ValuesPerMiniblock = BlockSize / MiniblockCount;

    /// <summary>Writes the values with block size 128 and 4 miniblocks of 32 values.</summary>
    public static void EncodeInt32(ReadOnlySpan<int> values, IBufferWriter<byte> output)
    {
        WriteHeader(output, values.Length, values.IsEmpty ? 0 : values[0]);
        Span<int> deltas = stackalloc int[BlockSize];
        Span<ulong> relative = stackalloc ulong[BlockSize];
        for (int start = 1; start < values.Length; start += BlockSize)
        {
            int count = Math.Min(BlockSize, values.Length - start);
            int minDelta = int.MaxValue;
            for (int i = 0; i < count; i++)
            {
                deltas[i] = unchecked(values[start + i] - values[start + i - 1]);
                minDelta = Math.Min(minDelta, deltas[i]);
            }

            relative.Clear();
            for (int i = 0; i < count; i++)
            {
                relative[i] = unchecked((uint)(deltas[i] - minDelta));
            }

            WriteBlock(output, minDelta, relative, count);
        }
    }

    /// <summary>Writes the values with block size 128 and 4 miniblocks of 32 values.</summary>
    public static void EncodeInt64(ReadOnlySpan<long> values, IBufferWriter<byte> output)
    {
        WriteHeader(output, values.Length, values.IsEmpty ? 0 : values[0]);
        Span<long> deltas = stackalloc long[BlockSize];
        Span<ulong> relative = stackalloc ulong[BlockSize];
        for (int start = 1; start < values.Length; start += BlockSize)
        {
            int count = Math.Min(BlockSize, values.Length - start);
            long minDelta = long.MaxValue;
            for (int i = 0; i < count; i++)
            {
                deltas[i] = unchecked(values[start + i] - values[start + i - 1]);
                minDelta = Math.Min(minDelta, deltas[i]);
            }

            relative.Clear();
            for (int i = 0; i < count; i++)
            {
                relative[i] = unchecked((ulong)(deltas[i] - minDelta));
            }

            WriteBlock(output, minDelta, relative, count);
        }
    }

    private static void WriteHeader(IBufferWriter<byte> output, int count, long firstValue)
    {
        Leb128.WriteUInt64(output, BlockSize);
        Leb128.WriteUInt64(output, MiniblockCount);
        Leb128.WriteUInt64(output, (ulong)count);
        Leb128.WriteZigZag64(output, firstValue);
    }

    // relative holds count values followed by zeros up to a full block.
    private static void WriteBlock(IBufferWriter<byte> output, long minDelta, ReadOnlySpan<ulong> relative, int count)
    {
        Leb128.WriteZigZag64(output, minDelta);
        int usedMiniblocks = (count + ValuesPerMiniblock - 1) / ValuesPerMiniblock;
        Span<int> widths = stackalloc int[MiniblockCount];
        Span<byte> widthBytes = output.GetSpan(MiniblockCount)[..MiniblockCount];
        for (int m = 0; m < MiniblockCount; m++)
        {
            ulong bits = 0;
            if (m < usedMiniblocks)
            {
                foreach (ulong value in relative.Slice(m * ValuesPerMiniblock, ValuesPerMiniblock))
                {
                    bits |= value;
                }
            }

            widths[m] = 64 - BitOperations.LeadingZeroCount(bits);
            widthBytes[m] = (byte)widths[m];
        }

        output.Advance(MiniblockCount);
        for (int m = 0; m < usedMiniblocks; m++)
        {
            int length = ValuesPerMiniblock * widths[m] / 8;
            Span<byte> target = output.GetSpan(Math.Max(length, 1))[..length];
            BitPacking.Pack64(relative.Slice(m * ValuesPerMiniblock, ValuesPerMiniblock), widths[m], target);
            output.Advance(length);
        }
    }
}
