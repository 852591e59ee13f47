using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FeatureStore.Parquet.Encodings;

/// <summary>
/// LSB-first bit packing shared by the RLE/bit-packed hybrid and DELTA_BINARY_PACKED miniblocks.
/// Values are unpacked in groups of 8 with one unaligned 64-bit load per value; groups too close
/// to the end of the input go through a zero-padded stack copy so loads never leave the buffer.
/// </summary>
internal static class BitPacking
{
    /// <summary>Bytes needed to hold <paramref name="valueCount"/> values of <paramref name="width"/> bits.</summary>
    public static long PackedByteCount(long valueCount, int width) => (valueCount * width + 7) >> 3;

    /// <summary>Unpacks destination.Length values of width 0..32; source must hold at least PackedByteCount bytes.</summary>
    public static void Unpack32(ReadOnlySpan<byte> source, Span<int> destination, int width)
    {
        RequireSource(source.Length, destination.Length, width, 32);
        if (width == 0)
        {
            destination.Clear();
            return;
        }

        uint mask = width == 32 ? uint.MaxValue : (1u << width) - 1;
        int fastGroups = FastGroupCount(source.Length, width, ((7 * width) >> 3) + 8, destination.Length / 8);
        ref byte src = ref MemoryMarshal.GetReference(source);
        ref int dst = ref MemoryMarshal.GetReference(destination);
        for (int group = 0; group < fastGroups; group++)
        {
            Unpack8(ref Unsafe.Add(ref src, group * width), ref Unsafe.Add(ref dst, group * 8), width, mask);
        }

        int done = fastGroups * 8;
        if (done < destination.Length)
        {
            UnpackTail32(source[(fastGroups * width)..], destination[done..], width, mask);
        }
    }

    /// <summary>Unpacks destination.Length values of width 0..64; source must hold at least PackedByteCount bytes.</summary>
    public static void Unpack64(ReadOnlySpan<byte> source, Span<ulong> destination, int width)
    {
        RequireSource(source.Length, destination.Length, width, 64);
        if (width == 0)
        {
            destination.Clear();
            return;
        }

        ulong mask = width == 64 ? ulong.MaxValue : (1UL << width) - 1;
        int fastGroups = FastGroupCount(source.Length, width, ((7 * width) >> 3) + 9, destination.Length / 8);
        ref byte src = ref MemoryMarshal.GetReference(source);
        ref ulong dst = ref MemoryMarshal.GetReference(destination);
        for (int group = 0; group < fastGroups; group++)
        {
            Unpack8Wide(ref Unsafe.Add(ref src, group * width), ref Unsafe.Add(ref dst, group * 8), width, mask);
        }

        int done = fastGroups * 8;
        Span<byte> padded = stackalloc byte[80];
        Span<ulong> group8 = stackalloc ulong[8];
        int offset = fastGroups * width;
        for (; done < destination.Length; done += 8, offset += width)
        {
            padded.Clear();
            source.Slice(offset, Math.Min(width, source.Length - offset)).CopyTo(padded);
            Unpack8Wide(ref padded[0], ref group8[0], width, mask);
            int take = Math.Min(8, destination.Length - done);
            group8[..take].CopyTo(destination[done..]);
        }
    }

    /// <summary>Packs values (each must fit in width 0..32 bits) into exactly PackedByteCount bytes.</summary>
    public static void Pack32(ReadOnlySpan<int> values, int width, Span<byte> destination)
    {
        var writer = new Accumulator(destination);
        ulong mask = width == 32 ? uint.MaxValue : (1UL << width) - 1;
        foreach (int value in values)
        {
            writer.Append((uint)value & mask, width);
        }

        writer.Flush();
    }

    /// <summary>Packs values (each must fit in width 0..64 bits) into exactly PackedByteCount bytes.</summary>
    public static void Pack64(ReadOnlySpan<ulong> values, int width, Span<byte> destination)
    {
        var writer = new Accumulator(destination);
        ulong mask = width == 64 ? ulong.MaxValue : (1UL << width) - 1;
        foreach (ulong value in values)
        {
            writer.Append(value & mask, width);
        }

        writer.Flush();
    }

    private static void RequireSource(int sourceLength, int count, int width, int maxWidth)
    {
        if ((uint)width > (uint)maxWidth)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, $"Bit width must be 0..{maxWidth}.");
        }

        if (sourceLength < PackedByteCount(count, width))
        {
            throw new ArgumentException($"{count} values of {width} bits need {PackedByteCount(count, width)} bytes; {sourceLength} given.", nameof(sourceLength));
        }
    }

    // Group g may use direct loads when its furthest load (reach bytes from the group start) stays inside the source.
    private static int FastGroupCount(int sourceLength, int width, int reach, int fullGroups)
    {
        if (sourceLength < reach)
        {
            return 0;
        }

        return Math.Min(fullGroups, ((sourceLength - reach) / width) + 1);
    }

    private static void UnpackTail32(ReadOnlySpan<byte> source, Span<int> destination, int width, uint mask)
    {
        Span<byte> padded = stackalloc byte[48];
        Span<int> group8 = stackalloc int[8];
        int offset = 0;
        for (int done = 0; done < destination.Length; done += 8, offset += width)
        {
            padded.Clear();
            source.Slice(offset, Math.Min(width, source.Length - offset)).CopyTo(padded);
            Unpack8(ref padded[0], ref group8[0], width, mask);
            int take = Math.Min(8, destination.Length - done);
            group8[..take].CopyTo(destination[done..]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Unpack8(ref byte src, ref int dst, int width, uint mask)
    {
        dst = Extract(ref src, 0, mask);
        Unsafe.Add(ref dst, 1) = Extract(ref src, width, mask);
        Unsafe.Add(ref dst, 2) = Extract(ref src, 2 * width, mask);
        Unsafe.Add(ref dst, 3) = Extract(ref src, 3 * width, mask);
        Unsafe.Add(ref dst, 4) = Extract(ref src, 4 * width, mask);
        Unsafe.Add(ref dst, 5) = Extract(ref src, 5 * width, mask);
        Unsafe.Add(ref dst, 6) = Extract(ref src, 6 * width, mask);
        Unsafe.Add(ref dst, 7) = Extract(ref src, 7 * width, mask);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Extract(ref byte src, int bit, uint mask) =>
        (int)((uint)(LoadUInt64(ref Unsafe.Add(ref src, bit >> 3)) >> (bit & 7)) & mask);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Unpack8Wide(ref byte src, ref ulong dst, int width, ulong mask)
    {
        for (int i = 0; i < 8; i++)
        {
            int bit = i * width;
            int shift = bit & 7;
            ref byte at = ref Unsafe.Add(ref src, bit >> 3);
            ulong value = LoadUInt64(ref at) >> shift;
            if (shift + width > 64)
            {
                value |= (ulong)Unsafe.Add(ref at, 8) << (64 - shift);
            }

            Unsafe.Add(ref dst, i) = value & mask;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong LoadUInt64(ref byte at)
    {
        ulong raw = Unsafe.ReadUnaligned<ulong>(ref at);
        return BitConverter.IsLittleEndian ? raw : BinaryPrimitives.ReverseEndianness(raw);
    }

    /// <summary>Collects bits LSB-first and writes them out 8 bytes at a time.</summary>
    private ref struct Accumulator(Span<byte> destination)
    {
        private readonly Span<byte> destination = destination;
        private ulong bits;
        private int bitCount;
        private int position;

        public void Append(ulong value, int width)
        {
            int total = bitCount + width;
            bits |= value << bitCount;
            if (total >= 64)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(destination[position..], bits);
                position += 8;
                bits = bitCount == 0 ? 0 : value >> (64 - bitCount);
                total -= 64;
            }

            bitCount = total;
        }

        public void Flush()
        {
            for (; bitCount > 0; bitCount -= 8)
            {
                destination[position++] = (byte)bits;
                bits >>= 8;
            }
        }
    }
}
