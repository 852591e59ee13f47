using System.Runtime.InteropServices;
using FeatureStore.Parquet.Encodings;

namespace FeatureStore.Parquet.Tests.Encodings;

public class DeltaBinaryPackedTests
{
    // Encodings.md example 1 (1..5) with the real block layout 128 values / 4 miniblocks:
    // header 128, 4, 5, zigzag(1) = 2; block: zigzag(min delta 1) = 2, widths 0 0 0 0, no miniblock data.
    private static readonly byte[] SpecExample1 = [0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00];

    // Encodings.md example 2 (7,5,3,1,2,3,4,5): header 128, 4, 8, zigzag(7) = 14; block: zigzag(-2) = 3,
    // widths 2 0 0 0, then the 7 relative deltas 0,0,0,3,3,3,3 padded with zeros to 32 values at 2 bits,
    // LSB first: C0 (0,0,0,3) 3F (3,3,3,0) then six zero bytes.
    private static readonly byte[] SpecExample2 =
        [0x80, 0x01, 0x04, 0x08, 0x0E, 0x03, 0x02, 0x00, 0x00, 0x00, 0xC0, 0x3F, 0, 0, 0, 0, 0, 0];

    [Fact]
    public void Encode_writes_spec_example_1_byte_for_byte()
    {
        Assert.Equal(SpecExample1, EncodingTestData.Encode(w => DeltaBinaryPacked.EncodeInt32([1, 2, 3, 4, 5], w)));
        Assert.Equal(SpecExample1, EncodingTestData.Encode(w => DeltaBinaryPacked.EncodeInt64([1, 2, 3, 4, 5], w)));
    }

    [Fact]
    public void Encode_writes_spec_example_2_byte_for_byte() =>
        Assert.Equal(SpecExample2, EncodingTestData.Encode(w => DeltaBinaryPacked.EncodeInt32([7, 5, 3, 1, 2, 3, 4, 5], w)));

    [Fact]
    public void Decode_reads_spec_examples_as_int32_and_int64()
    {
        var ints = new int[8];
        DeltaBinaryPacked.DecodeInt32(SpecExample2, ints, out int consumed);
        Assert.Equal([7, 5, 3, 1, 2, 3, 4, 5], ints);
        Assert.Equal(SpecExample2.Length, consumed);
        var longs = new long[5];
        DeltaBinaryPacked.DecodeInt64(SpecExample1, longs, out consumed);
        Assert.Equal([1L, 2, 3, 4, 5], longs);
        Assert.Equal(SpecExample1.Length, consumed);
    }

    [Fact]
    public void Decode_accepts_arbitrary_bits_in_the_padding_of_the_last_miniblock()
    {
        byte[] noisyPadding = [.. SpecExample2[..11], 0xFF, 0xAB, 0xCD, 0xEF, 0x12, 0x34, 0x56];
        var values = new int[8];
        DeltaBinaryPacked.DecodeInt32(noisyPadding, values, out _);
        Assert.Equal([7, 5, 3, 1, 2, 3, 4, 5], values);
    }

    [Fact]
    public void Decode_rejects_the_spec_examples_literal_block_size_of_8()
    {
        // The spec notes its examples use block size 8 only for brevity; that size is invalid.
        byte[] blockSize8 = [0x08, 0x01, 0x05, 0x02, 0x02, 0x00];
        Assert.Throws<InvalidDataException>(() => DeltaBinaryPacked.DecodeInt32(blockSize8, new int[5], out _));
    }

    [Fact]
    public void Decode_reads_a_hand_written_256_value_block_with_8_miniblocks_and_garbage_widths_for_unused_miniblocks()
    {
        // 3 values 10, 11, 13: header 256, 8, 3, zigzag(10) = 20; block: min delta 1 -> 2, widths 1 then seven
        // unused widths holding arbitrary bytes (the spec says readers must accept them), then 32 values at 1 bit.
        byte[] data = [0x80, 0x02, 0x08, 0x03, 0x14, 0x02, 0x01, 0xFF, 0x41, 0x07, 0x07, 0x07, 0x07, 0x07, 0x02, 0x00, 0x00, 0x00];
        var values = new int[3];
        DeltaBinaryPacked.DecodeInt32(data, values, out int consumed);
        Assert.Equal([10, 11, 13], values);
        Assert.Equal(data.Length, consumed);
    }

    [Fact]
    public void Decode_of_a_single_value_reads_only_the_header()
    {
        byte[] encoded = EncodingTestData.Encode(w => DeltaBinaryPacked.EncodeInt64([-3], w));
        Assert.Equal([0x80, 0x01, 0x04, 0x01, 0x05], encoded);
        var values = new long[1];
        DeltaBinaryPacked.DecodeInt64(encoded, values, out int consumed);
        Assert.Equal(-3, values[0]);
        Assert.Equal(5, consumed);
    }

    [Fact]
    public void Decode_expands_a_constant_column_written_with_one_huge_zero_width_block()
    {
        // header: block size 2^20 (80 80 40), 1 miniblock, 1,000,000 values (C0 84 3D), first value 5 (zigzag 0A);
        // one block: min delta 0, width 0, no miniblock bytes.
        byte[] data = [0x80, 0x80, 0x40, 0x01, 0xC0, 0x84, 0x3D, 0x0A, 0x00, 0x00];
        var values = new long[1_000_000];
        DeltaBinaryPacked.DecodeInt64(data, values, out int consumed);
        Assert.All(values, v => Assert.Equal(5, v));
        Assert.Equal(data.Length, consumed);
    }

    [Fact]
    public void Encode_of_a_constant_column_is_a_header_and_a_few_bytes_per_block()
    {
        byte[] encoded = EncodingTestData.Encode(w => DeltaBinaryPacked.EncodeInt32(Enumerable.Repeat(42, 1281).ToArray(), w));
        // header 80 01 | 04 | 81 0A | 54, then 10 blocks of (min delta 00, widths 00 00 00 00)
        Assert.Equal(6 + (10 * 5), encoded.Length);
    }

    [Fact]
    public void ReadTotalCount_returns_the_header_value_count()
    {
        Assert.Equal(8, DeltaBinaryPacked.ReadTotalCount(SpecExample2));
        Assert.Equal(0, DeltaBinaryPacked.ReadTotalCount(EncodingTestData.Encode(w => DeltaBinaryPacked.EncodeInt32([], w))));
    }

    [Theory]
    [MemberData(nameof(Widths32))]
    public void Int32_round_trips_random_deltas_of_every_bit_width_for_every_length(int width)
    {
        var random = new Random(width);
        foreach (int length in EncodingTestData.Lengths)
        {
            int[] deltas = EncodingTestData.RandomValues(random, length, width);
            int[] values = new int[length];
            int current = (int)random.NextInt64();
            for (int i = 0; i < length; i++)
            {
                current = unchecked(current + deltas[i]);
                values[i] = current;
            }

            AssertInt32RoundTrip(values);
        }
    }

    [Theory]
    [MemberData(nameof(Widths64))]
    public void Int64_round_trips_random_deltas_of_every_bit_width_for_every_length(int width)
    {
        var random = new Random(width);
        ulong mask = width == 64 ? ulong.MaxValue : (1UL << width) - 1;
        foreach (int length in EncodingTestData.Lengths)
        {
            long[] values = new long[length];
            long current = random.NextInt64(long.MinValue, long.MaxValue);
            for (int i = 0; i < length; i++)
            {
                current = unchecked(current + (long)((ulong)random.NextInt64(long.MinValue, long.MaxValue) & mask));
                values[i] = current;
            }

            AssertInt64RoundTrip(values);
        }
    }

    [Fact]
    public void Int32_round_trips_extreme_values_whose_deltas_overflow()
    {
        int[] values = [int.MinValue, int.MaxValue, int.MinValue, 0, -1, int.MaxValue, int.MaxValue, int.MinValue, 1, .. Enumerable.Range(0, 300).Select(i => i % 2 == 0 ? int.MinValue : int.MaxValue)];
        AssertInt32RoundTrip(values);
    }

    [Fact]
    public void Int64_round_trips_extreme_values_whose_deltas_overflow()
    {
        long[] values = [long.MinValue, long.MaxValue, long.MinValue, 0, -1, long.MaxValue, long.MaxValue, long.MinValue, 1, .. Enumerable.Range(0, 300).Select(i => i % 3 == 0 ? long.MinValue : long.MaxValue)];
        AssertInt64RoundTrip(values);
    }

    [Fact]
    public void Int32_encoding_computes_deltas_in_32_bits_so_widths_stay_small_across_overflow()
    {
        // MinValue <-> MaxValue steps are deltas of -1 and +1 when wrapped (2^32 - 1 apart if widened to 64 bits).
        int[] values = Enumerable.Range(0, 129).Select(i => i % 2 == 0 ? int.MinValue : int.MaxValue).ToArray();
        byte[] encoded = EncodingTestData.Encode(w => DeltaBinaryPacked.EncodeInt32(values, w));
        // header: 128 (2 bytes), 4, 129 (2 bytes), zigzag(int.MinValue) (5 bytes); min delta zigzag(-1) (1 byte)
        Assert.Equal([0x01], encoded[10..11]);
        Assert.Equal([2, 2, 2, 2], encoded[11..15]);
        AssertInt32RoundTrip(values);
    }

    [Fact]
    public void Decode_rejects_a_header_count_different_from_the_requested_count()
    {
        Assert.Throws<InvalidDataException>(() => DeltaBinaryPacked.DecodeInt32(SpecExample2, new int[7], out _));
        Assert.Throws<InvalidDataException>(() => DeltaBinaryPacked.DecodeInt64(SpecExample2, new long[9], out _));
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x01, 0x01, 0x00 })]
    [InlineData(new byte[] { 0x81, 0x01, 0x01, 0x01, 0x00 })]
    [InlineData(new byte[] { 0x80, 0x01, 0x00, 0x01, 0x00 })]
    [InlineData(new byte[] { 0x80, 0x01, 0x03, 0x01, 0x00 })]
    [InlineData(new byte[] { 0x80, 0x01, 0x08, 0x01, 0x00 })]
    [InlineData(new byte[] { 0x80, 0x01, 0x04, 0x80, 0x80, 0x80, 0x80, 0x10, 0x00 })]
    public void Decode_rejects_invalid_block_layouts_and_counts(byte[] header) =>
        Assert.Throws<InvalidDataException>(() => DeltaBinaryPacked.ReadTotalCount(header));

    [Fact]
    public void Decode_rejects_a_miniblock_bit_width_above_64_for_int32_and_int64()
    {
        // two values, width 65 in the first miniblock
        byte[] data = [0x80, 0x01, 0x04, 0x02, 0x00, 0x00, 65, 0, 0, 0, .. new byte[300]];
        Assert.Throws<InvalidDataException>(() => DeltaBinaryPacked.DecodeInt32(data, new int[2], out _));
        Assert.Throws<InvalidDataException>(() => DeltaBinaryPacked.DecodeInt64(data, new long[2], out _));
    }

    [Fact]
    public void Decode_int32_reads_a_hand_built_33_bit_miniblock_and_wraps_to_32_bits()
    {
        // DuckDB's layout for MaxValue, MinValue, MaxValue: deltas taken in 64 bits (-(2^32-1), +(2^32-1)).
        // header 128, 4, 3, zigzag(int.MaxValue) = FE FF FF FF 0F; block: zigzag(min delta -(2^32-1)) = FD FF FF FF 1F,
        // widths 33 0 0 0, then 32 values at 33 bits (132 bytes): relative deltas 0 and 2^33-2, LSB first, so bits 34..65 set.
        byte[] miniblock = new byte[132];
        miniblock[4] = 0xFC;
        miniblock[5] = miniblock[6] = miniblock[7] = 0xFF;
        miniblock[8] = 0x03;
        byte[] data = [0x80, 0x01, 0x04, 0x03, 0xFE, 0xFF, 0xFF, 0xFF, 0x0F, 0xFD, 0xFF, 0xFF, 0xFF, 0x1F, 33, 0, 0, 0, .. miniblock];
        var values = new int[3];
        DeltaBinaryPacked.DecodeInt32(data, values, out int consumed);
        Assert.Equal([int.MaxValue, int.MinValue, int.MaxValue], values);
        Assert.Equal(data.Length, consumed);
    }

    [Fact]
    public void Decode_int32_reads_full_range_values_whose_deltas_were_encoded_in_64_bits()
    {
        // The INT64 encoder widens like DuckDB does, so full-range int32 values give 33-bit miniblocks.
        var random = new Random(33);
        int[] values = [int.MinValue, int.MaxValue, .. Enumerable.Range(0, 1000).Select(_ => (int)random.NextInt64(int.MinValue, (long)int.MaxValue + 1))];
        byte[] encoded = EncodingTestData.Encode(w => DeltaBinaryPacked.EncodeInt64(values.Select(v => (long)v).ToArray(), w));
        // header 80 01 | 04 | EA 07 | zigzag(int.MinValue) 5 bytes | min delta 5 bytes, then the first miniblock's width
        Assert.Equal(33, encoded[15]);
        var decoded = new int[values.Length];
        DeltaBinaryPacked.DecodeInt32([.. encoded, 0x99], decoded, out int consumed);
        Assert.Equal(values, decoded);
        Assert.Equal(encoded.Length, consumed);
    }

    [Fact]
    public void Decode_int32_reads_a_64_bit_wide_miniblock_longer_than_one_unpack_chunk()
    {
        // header 256, 1 miniblock, 200 values, first value 0; block: min delta 0, width 64, 256 deltas of 64 bits
        // whose high bits must be dropped: value i is the low 32 bits of the running 64-bit sum.
        var random = new Random(64);
        ulong[] deltas = new ulong[256];
        random.NextBytes(MemoryMarshal.AsBytes(deltas.AsSpan(0, 199)));
        byte[] packed = new byte[256 * 8];
        BitPacking.Pack64(deltas, 64, packed);
        byte[] data = [0x80, 0x02, 0x01, 0xC8, 0x01, 0x00, 0x00, 64, .. packed];
        var expected = new int[200];
        ulong sum = 0;
        for (int i = 1; i < expected.Length; i++)
        {
            sum = unchecked(sum + deltas[i - 1]);
            expected[i] = unchecked((int)sum);
        }

        var decoded = new int[200];
        DeltaBinaryPacked.DecodeInt32(data, decoded, out int consumed);
        Assert.Equal(expected, decoded);
        Assert.Equal(data.Length, consumed);
    }

    [Fact]
    public void Decode_of_every_truncation_of_a_valid_encoding_throws_only_InvalidDataException()
    {
        var random = new Random(7);
        long[] values = Enumerable.Range(0, 300).Select(_ => random.NextInt64(-1_000_000, 1_000_000)).ToArray();
        byte[] encoded = EncodingTestData.Encode(w => DeltaBinaryPacked.EncodeInt64(values, w));
        for (int cut = 0; cut < encoded.Length; cut++)
        {
            byte[] truncated = encoded[..cut];
            Assert.Throws<InvalidDataException>(() => DeltaBinaryPacked.DecodeInt64(truncated, new long[values.Length], out _));
            Assert.Throws<InvalidDataException>(() => DeltaBinaryPacked.DecodeInt32(truncated, new int[values.Length], out _));
        }
    }

    [Fact]
    public void Decode_of_random_garbage_throws_only_InvalidDataException()
    {
        var random = new Random(11);
        int rejected = 0;
        for (int trial = 0; trial < 5000; trial++)
        {
            byte[] garbage = new byte[random.Next(0, 80)];
            random.NextBytes(garbage);
            if (trial % 2 == 0 && garbage.Length > 5)
            {
                // keep a valid header shape so the block parsing gets exercised too
                garbage[0] = 0x80;
                garbage[1] = 0x01;
                garbage[2] = 0x04;
                garbage[3] = (byte)(garbage[3] & 0x7F);
            }

            int count = garbage.Length > 3 ? garbage[3] & 0x7F : 0;
            if (EncodingTestData.RejectsOrDecodes(() => DeltaBinaryPacked.DecodeInt32(garbage, new int[count], out _)))
            {
                rejected++;
            }

            EncodingTestData.RejectsOrDecodes(() => DeltaBinaryPacked.DecodeInt64(garbage, new long[count], out _));
        }

        Assert.True(rejected > 1000, $"only {rejected} garbage inputs were rejected");
    }

    private static void AssertInt32RoundTrip(int[] values)
    {
        byte[] encoded = EncodingTestData.Encode(w => DeltaBinaryPacked.EncodeInt32(values, w));
        Assert.Equal(values.Length, DeltaBinaryPacked.ReadTotalCount(encoded));
        var decoded = new int[values.Length];
        DeltaBinaryPacked.DecodeInt32([.. encoded, 0x99], decoded, out int consumed);
        Assert.Equal(values, decoded);
        Assert.Equal(encoded.Length, consumed);
    }

    private static void AssertInt64RoundTrip(long[] values)
    {
        byte[] encoded = EncodingTestData.Encode(w => DeltaBinaryPacked.EncodeInt64(values, w));
        var decoded = new long[values.Length];
        DeltaBinaryPacked.DecodeInt64([.. encoded, 0x99], decoded, out int consumed);
        Assert.Equal(values, decoded);
        Assert.Equal(encoded.Length, consumed);
    }

    public static TheoryData<int> Widths32() => EncodingTestData.WidthCases(32);

    public static TheoryData<int> Widths64() => EncodingTestData.WidthCases(64);
}
