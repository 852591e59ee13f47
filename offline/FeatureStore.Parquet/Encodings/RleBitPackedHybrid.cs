using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;

namespace FeatureStore.Parquet.Encodings;

/// <summary>
/// The RLE / bit-packed hybrid (encoding RLE = 3) used for levels, dictionary indexes and booleans.
/// Works on the encoded runs only: callers strip or add the 4-byte length prefix where the page kind has one.
/// </summary>
internal static class RleBitPackedHybrid
{
    private const int MinRepeatRun = 8;
    private const int MaxLiteralRunValues = 64 * 8;

    /// <summary>Bits needed to store every value in 0..maxValue (0 for maxValue 0).</summary>
    public static int BitWidth(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return 32 - BitOperations.LeadingZeroCount((uint)maxValue);
    }

    /// <summary>
    /// Decodes exactly output.Length values and returns the bytes consumed (up to the end of the last run read;
    /// a final bit-packed run whose unused padding bytes are missing is accepted and consumes what is there).
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> data, int bitWidth, Span<int> output)
    {
        if ((uint)bitWidth > 32)
        {
            throw new InvalidDataException($"RLE/bit-packed hybrid bit width {bitWidth} is outside 0..32.");
        }

        int valueBytes = (bitWidth + 7) >> 3;
        int position = 0;
        int produced = 0;
        while (produced < output.Length)
        {
            if (position >= data.Length)
            {
                if (bitWidth == 0)
                {
                    output[produced..].Clear();
                    break;
                }

                throw new InvalidDataException($"RLE/bit-packed hybrid data ends at offset {position} after {produced} of {output.Length} values.");
            }

            int runStart = position;
            ulong header = Leb128.ReadUInt64(data, ref position, "RLE/bit-packed hybrid run header");
            if (header > uint.MaxValue)
            {
                throw new InvalidDataException($"RLE/bit-packed hybrid run header at offset {runStart} declares a run longer than 2^31-1 values.");
            }

            Span<int> remaining = output[produced..];
            produced += (header & 1) == 0
                ? DecodeRepeatedRun(data, ref position, (int)(header >> 1), bitWidth, valueBytes, remaining)
                : DecodeBitPackedRun(data, ref position, (long)(header >> 1), bitWidth, remaining);
        }

        return position;
    }

    /// <summary>Encodes values (each in 0..2^bitWidth-1) as RLE runs for repeats of 8 or more, bit-packed groups of 8 otherwise.</summary>
    public static void Encode(ReadOnlySpan<int> values, int bitWidth, IBufferWriter<byte> output)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)bitWidth, 32u, nameof(bitWidth));
        RequireValuesFit(values, bitWidth);
        int literalStart = 0;
        int index = 0;
        while (index < values.Length)
        {
            int runEnd = index + 1;
            while (runEnd < values.Length && values[runEnd] == values[index])
            {
                runEnd++;
            }

            // A literal run in the middle of the data must hold a multiple of 8 values, so it borrows from the repeat.
            int borrow = (8 - ((index - literalStart) & 7)) & 7;
            if (runEnd - index - borrow >= MinRepeatRun)
            {
                WriteBitPackedRun(values[literalStart..(index + borrow)], bitWidth, output);
                WriteRepeatedRun(values[index], runEnd - index - borrow, bitWidth, output);
                literalStart = runEnd;
            }

            index = runEnd;
        }

        WriteBitPackedRun(values[literalStart..], bitWidth, output);
    }

    private static int DecodeRepeatedRun(ReadOnlySpan<byte> data, ref int position, int runLength, int bitWidth, int valueBytes, Span<int> output)
    {
        if (data.Length - position < valueBytes)
        {
            throw new InvalidDataException($"RLE/bit-packed hybrid repeated run at offset {position} needs a {valueBytes}-byte value but {data.Length - position} bytes remain.");
        }

        uint value = 0;
        for (int i = 0; i < valueBytes; i++)
        {
            value |= (uint)data[position + i] << (8 * i);
        }

        if (bitWidth < 32 && value >> bitWidth != 0)
        {
            throw new InvalidDataException($"RLE/bit-packed hybrid repeated value {value} at offset {position} does not fit in {bitWidth} bits.");
        }

        position += valueBytes;
        int take = Math.Min(runLength, output.Length);
        output[..take].Fill((int)value);
        return take;
    }

    private static int DecodeBitPackedRun(ReadOnlySpan<byte> data, ref int position, long groups, int bitWidth, Span<int> output)
    {
        int take = (int)Math.Min(groups * 8, output.Length);
        long runBytes = groups * bitWidth;
        long needed = BitPacking.PackedByteCount(take, bitWidth);
        int available = data.Length - position;
        if (available < needed)
        {
            throw new InvalidDataException($"RLE/bit-packed hybrid bit-packed run at offset {position} needs {needed} bytes but {available} remain.");
        }

        int length = (int)Math.Min(runBytes, available);
        BitPacking.Unpack32(data.Slice(position, length), output[..take], bitWidth);
        position += length;
        return take;
    }

    private static void WriteRepeatedRun(int value, int count, int bitWidth, IBufferWriter<byte> output)
    {
        Leb128.WriteUInt64(output, (ulong)count << 1);
        int valueBytes = (bitWidth + 7) >> 3;
        Span<byte> target = output.GetSpan(4);
        BinaryPrimitives.WriteInt32LittleEndian(target, value);
        output.Advance(valueBytes);
    }

    // Long literal stretches are split into runs of at most 64 groups: one-byte headers, small buffer requests.
    private static void WriteBitPackedRun(ReadOnlySpan<int> values, int bitWidth, IBufferWriter<byte> output)
    {
        for (int start = 0; start < values.Length; start += MaxLiteralRunValues)
        {
            ReadOnlySpan<int> chunk = values.Slice(start, Math.Min(MaxLiteralRunValues, values.Length - start));
            int groups = (chunk.Length + 7) / 8;
            Leb128.WriteUInt64(output, ((ulong)groups << 1) | 1);
            int runBytes = groups * bitWidth;
            int packedBytes = (int)BitPacking.PackedByteCount(chunk.Length, bitWidth);
            Span<byte> target = output.GetSpan(Math.Max(runBytes, 1))[..runBytes];
            BitPacking.Pack32(chunk, bitWidth, target[..packedBytes]);
            target[packedBytes..].Clear();
            output.Advance(runBytes);
        }
    }

    private static void RequireValuesFit(ReadOnlySpan<int> values, int bitWidth)
    {
        if (bitWidth == 32)
        {
            return;
        }

        foreach (int value in values)
        {
            if ((uint)value >> bitWidth != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(values), value, $"Value does not fit in {bitWidth} bits.");
            }
        }
    }
}
