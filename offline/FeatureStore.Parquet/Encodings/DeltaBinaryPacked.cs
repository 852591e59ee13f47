using System.Runtime.InteropServices;

namespace FeatureStore.Parquet.Encodings;

/// <summary>
/// DELTA_BINARY_PACKED (encoding 5) for INT32 and INT64: a header, then blocks of
/// (zigzag min delta, one bit width byte per miniblock, bit-packed deltas minus min delta).
/// All arithmetic wraps in two's complement, as the spec requires; INT32 accepts miniblock widths up to 64 and wraps.
/// </summary>
internal static partial class DeltaBinaryPacked
{
    private const int WideChunk = 64;

    /// <summary>Reads only the header and returns its total value count, so callers can size the output.</summary>
    public static int ReadTotalCount(ReadOnlySpan<byte> data)
    {
        int position = 0;
        return DeltaBinaryPackedHeader.Read(data, ref position).TotalCount;
    }

    /// <summary>
    /// Decodes a header of exactly output.Length int32 values, as the byte-array encodings store their lengths;
    /// <paramref name="what"/> names the header in the error when it declares another count.
    /// </summary>
    public static void DecodeExactInt32(ReadOnlySpan<byte> data, Span<int> output, string what, out int consumed)
    {
        int declared = ReadTotalCount(data);
        if (declared != output.Length)
        {
            throw new InvalidDataException($"{what} header declares {declared} values but {output.Length} were expected.");
        }

        DecodeInt32(data, output, out consumed);
    }

    public static void DecodeInt32(ReadOnlySpan<byte> data, Span<int> output, out int consumed)
    {
        int position = 0;
        DeltaBinaryPackedHeader header = ReadHeaderFor(data, ref position, output.Length);
        if (output.Length > 0)
        {
            uint previous = unchecked((uint)header.FirstValue);
            output[0] = unchecked((int)previous);
            int produced = 1;
            int perMiniblock = header.ValuesPerMiniblock;
            while (produced < output.Length)
            {
                long minDelta = Leb128.ReadZigZag64(data, ref position, "DELTA_BINARY_PACKED min delta");
                ReadOnlySpan<byte> widths = ReadWidths(data, ref position, header.MiniblockCount);
                for (int m = 0; m < widths.Length && produced < output.Length; m++)
                {
                    // Up to 64, not 32: writers that take INT32 deltas in 64 bits (DuckDB) need 33 for full-range values.
                    int width = RequireWidth(widths[m], 64, position);
                    ReadOnlySpan<byte> packed = ReadMiniblock(data, ref position, perMiniblock, width);
                    Span<int> target = output.Slice(produced, Math.Min(perMiniblock, output.Length - produced));
                    if (width <= 32)
                    {
                        BitPacking.Unpack32(packed, target, width);
                        previous = Accumulate(MemoryMarshal.Cast<int, uint>(target), previous, unchecked((uint)minDelta));
                    }
                    else
                    {
                        previous = AccumulateWide(packed, target, width, previous, minDelta);
                    }

                    produced += target.Length;
                }
            }
        }

        consumed = position;
    }

    public static void DecodeInt64(ReadOnlySpan<byte> data, Span<long> output, out int consumed)
    {
        int position = 0;
        DeltaBinaryPackedHeader header = ReadHeaderFor(data, ref position, output.Length);
        if (output.Length > 0)
        {
            ulong previous = unchecked((ulong)header.FirstValue);
            output[0] = header.FirstValue;
            int produced = 1;
            int perMiniblock = header.ValuesPerMiniblock;
            while (produced < output.Length)
            {
                ulong minDelta = unchecked((ulong)Leb128.ReadZigZag64(data, ref position, "DELTA_BINARY_PACKED min delta"));
                ReadOnlySpan<byte> widths = ReadWidths(data, ref position, header.MiniblockCount);
                for (int m = 0; m < widths.Length && produced < output.Length; m++)
                {
                    int width = RequireWidth(widths[m], 64, position);
                    ReadOnlySpan<byte> packed = ReadMiniblock(data, ref position, perMiniblock, width);
                    Span<ulong> target = MemoryMarshal.Cast<long, ulong>(output.Slice(produced, Math.Min(perMiniblock, output.Length - produced)));
                    BitPacking.Unpack64(packed, target, width);
                    previous = Accumulate(target, previous, minDelta);
                    produced += target.Length;
                }
            }
        }

        consumed = position;
    }

    private static DeltaBinaryPackedHeader ReadHeaderFor(ReadOnlySpan<byte> data, ref int position, int expectedCount)
    {
        DeltaBinaryPackedHeader header = DeltaBinaryPackedHeader.Read(data, ref position);
        if (header.TotalCount != expectedCount)
        {
            throw new InvalidDataException($"DELTA_BINARY_PACKED header declares {header.TotalCount} values but {expectedCount} were expected.");
        }

        return header;
    }

    private static ReadOnlySpan<byte> ReadWidths(ReadOnlySpan<byte> data, ref int position, int miniblockCount)
    {
        if (data.Length - position < miniblockCount)
        {
            throw new InvalidDataException($"DELTA_BINARY_PACKED block at offset {position} needs {miniblockCount} bit width bytes but {data.Length - position} remain.");
        }

        ReadOnlySpan<byte> widths = data.Slice(position, miniblockCount);
        position += miniblockCount;
        return widths;
    }

    private static int RequireWidth(byte width, int maxWidth, int position)
    {
        if (width > maxWidth)
        {
            throw new InvalidDataException($"DELTA_BINARY_PACKED miniblock bit width {width} before offset {position} exceeds {maxWidth}.");
        }

        return width;
    }

    private static ReadOnlySpan<byte> ReadMiniblock(ReadOnlySpan<byte> data, ref int position, int valuesPerMiniblock, int width)
    {
        long length = (long)valuesPerMiniblock * width / 8;
        if (data.Length - position < length)
        {
            throw new InvalidDataException($"DELTA_BINARY_PACKED miniblock at offset {position} needs {length} bytes but {data.Length - position} remain.");
        }

        ReadOnlySpan<byte> packed = data.Slice(position, (int)length);
        position += (int)length;
        return packed;
    }

    private static uint Accumulate(Span<uint> deltas, uint previous, uint minDelta)
    {
        for (int i = 0; i < deltas.Length; i++)
        {
            previous = unchecked(previous + minDelta + deltas[i]);
            deltas[i] = previous;
        }

        return previous;
    }

    /// <summary>
    /// An INT32 miniblock wider than 32 bits: unpacks its deltas in chunks of <see cref="WideChunk"/> (a multiple of 8, so
    /// each chunk starts on a byte), adds them in 64 bits and keeps the low 32 bits of each value (two's complement wrap).
    /// </summary>
    private static uint AccumulateWide(ReadOnlySpan<byte> packed, Span<int> target, int width, uint previous, long minDelta)
    {
        Span<ulong> deltas = stackalloc ulong[WideChunk];
        for (int start = 0; start < target.Length; start += WideChunk)
        {
            Span<ulong> chunk = deltas[..Math.Min(WideChunk, target.Length - start)];
            BitPacking.Unpack64(packed[(start / 8 * width)..], chunk, width);
            for (int i = 0; i < chunk.Length; i++)
            {
                previous = unchecked((uint)(previous + (ulong)minDelta + chunk[i]));
                target[start + i] = unchecked((int)previous);
            }
        }

        return previous;
    }

    private static ulong Accumulate(Span<ulong> deltas, ulong previous, ulong minDelta)
    {
        for (int i = 0; i < deltas.Length; i++)
        {
            previous = unchecked(previous + minDelta + deltas[i]);
            deltas[i] = previous;
        }

        return previous;
    }
}
