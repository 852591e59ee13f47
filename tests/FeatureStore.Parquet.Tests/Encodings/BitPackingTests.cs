using FeatureStore.Parquet.Encodings;

namespace FeatureStore.Parquet.Tests.Encodings;

public class BitPackingTests
{
    // Encodings.md, RLE section: 0..7 with bit width 3 pack to 10001000 11000110 11111010.
    private static readonly byte[] SpecPackedZeroToSeven = [0b10001000, 0b11000110, 0b11111010];

    [Fact]
    public void Pack32_matches_the_spec_layout_for_zero_to_seven_at_width_3()
    {
        var packed = new byte[3];
        BitPacking.Pack32([0, 1, 2, 3, 4, 5, 6, 7], 3, packed);
        Assert.Equal(SpecPackedZeroToSeven, packed);
    }

    [Fact]
    public void Unpack32_reads_the_spec_layout_for_zero_to_seven_at_width_3()
    {
        var values = new int[8];
        BitPacking.Unpack32(SpecPackedZeroToSeven, values, 3);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], values);
    }

    [Theory]
    [MemberData(nameof(Widths32))]
    public void Unpack32_restores_what_Pack32_wrote_for_every_count_near_group_boundaries(int width)
    {
        var random = new Random(width);
        foreach (int count in new[] { 0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1000 })
        {
            int[] values = EncodingTestData.RandomValues(random, count, width);
            var packed = new byte[BitPacking.PackedByteCount(count, width)];
            BitPacking.Pack32(values, width, packed);
            var decoded = new int[count];
            BitPacking.Unpack32(packed, decoded, width);
            Assert.Equal(values, decoded);
        }
    }

    [Theory]
    [MemberData(nameof(Widths64))]
    public void Unpack64_restores_what_Pack64_wrote_for_every_count_near_group_boundaries(int width)
    {
        var random = new Random(width);
        ulong mask = width == 64 ? ulong.MaxValue : (1UL << width) - 1;
        foreach (int count in new[] { 0, 1, 7, 8, 9, 31, 32, 33, 1000 })
        {
            ulong[] values = Enumerable.Range(0, count).Select(_ => (ulong)random.NextInt64(long.MinValue, long.MaxValue) & mask).ToArray();
            var packed = new byte[BitPacking.PackedByteCount(count, width)];
            BitPacking.Pack64(values, width, packed);
            var decoded = new ulong[count];
            BitPacking.Unpack64(packed, decoded, width);
            Assert.Equal(values, decoded);
        }
    }

    [Fact]
    public void Unpack64_places_a_64_bit_value_that_straddles_nine_bytes()
    {
        // A 1-bit value followed by all-ones at width 63 starts at bit 63 and ends in the 16th byte.
        ulong[] values = [1, (1UL << 63) - 1, 0x5555_5555_5555_5555 & ((1UL << 63) - 1)];
        var packed = new byte[BitPacking.PackedByteCount(3, 63)];
        BitPacking.Pack64(values, 63, packed);
        var decoded = new ulong[3];
        BitPacking.Unpack64(packed, decoded, 63);
        Assert.Equal(values, decoded);
    }

    public static TheoryData<int> Widths32() => EncodingTestData.WidthCases(32);

    public static TheoryData<int> Widths64() => EncodingTestData.WidthCases(64);
}
