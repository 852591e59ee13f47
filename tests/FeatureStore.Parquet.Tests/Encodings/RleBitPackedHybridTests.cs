using FeatureStore.Parquet.Encodings;

namespace FeatureStore.Parquet.Tests.Encodings;

public class RleBitPackedHybridTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(255, 8)]
    [InlineData(256, 9)]
    [InlineData(int.MaxValue, 31)]
    public void BitWidth_is_the_number_of_bits_of_the_largest_value(int maxValue, int expected) =>
        Assert.Equal(expected, RleBitPackedHybrid.BitWidth(maxValue));

    [Fact]
    public void Decode_reads_a_hand_written_bit_packed_run_from_the_spec_example()
    {
        // header (1 group << 1 | 1) then the spec's packing of 0..7 at width 3
        byte[] data = [0x03, 0b10001000, 0b11000110, 0b11111010];
        var values = new int[8];
        int consumed = RleBitPackedHybrid.Decode(data, 3, values);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], values);
        Assert.Equal(4, consumed);
    }

    [Fact]
    public void Decode_reads_hand_written_repeated_runs_with_one_and_two_byte_values()
    {
        // 5 x 3 at width 2 (1-byte value), then 3 x 0x1FF at width 9 would need a separate call: check both.
        var narrow = new int[5];
        Assert.Equal(2, RleBitPackedHybrid.Decode([0x0A, 0x03], 2, narrow));
        Assert.Equal([3, 3, 3, 3, 3], narrow);
        var wide = new int[3];
        Assert.Equal(3, RleBitPackedHybrid.Decode([0x06, 0xFF, 0x01], 9, wide));
        Assert.Equal([0x1FF, 0x1FF, 0x1FF], wide);
    }

    [Fact]
    public void Decode_stops_after_the_requested_values_inside_a_longer_repeated_run()
    {
        var values = new int[4];
        int consumed = RleBitPackedHybrid.Decode([0x64, 0x01, 0xEE], 1, values);
        Assert.Equal([1, 1, 1, 1], values);
        Assert.Equal(2, consumed);
    }

    [Fact]
    public void Decode_accepts_a_final_bit_packed_run_missing_its_unused_padding_bytes()
    {
        // 2 groups declared at width 8, only the 3 values asked for are present.
        var values = new int[3];
        int consumed = RleBitPackedHybrid.Decode([0x05, 10, 20, 30], 8, values);
        Assert.Equal([10, 20, 30], values);
        Assert.Equal(4, consumed);
    }

    [Fact]
    public void Encode_writes_the_spec_bit_packed_example_for_zero_to_seven()
    {
        byte[] encoded = EncodingTestData.Encode(w => RleBitPackedHybrid.Encode([0, 1, 2, 3, 4, 5, 6, 7], 3, w));
        Assert.Equal([0x03, 0b10001000, 0b11000110, 0b11111010], encoded);
    }

    [Fact]
    public void Encode_uses_a_repeated_run_for_eight_equal_values()
    {
        byte[] encoded = EncodingTestData.Encode(w => RleBitPackedHybrid.Encode([5, 5, 5, 5, 5, 5, 5, 5], 3, w));
        Assert.Equal([0x10, 0x05], encoded);
    }

    [Fact]
    public void Encode_fills_a_literal_group_from_the_following_repeat_before_switching_to_a_repeated_run()
    {
        // 1,2,3 then thirteen 4s: literal group 1,2,3,4,4,4,4,4 (width 3, hand-packed LSB first) then a run of eight 4s.
        int[] values = [1, 2, 3, .. Enumerable.Repeat(4, 13)];
        byte[] encoded = EncodingTestData.Encode(w => RleBitPackedHybrid.Encode(values, 3, w));
        Assert.Equal([0x03, 0xD1, 0x48, 0x92, 0x10, 0x04], encoded);
    }

    [Fact]
    public void Encode_keeps_a_short_repeat_in_the_literal_run_when_borrowing_would_leave_fewer_than_eight()
    {
        // 1,2,3 then ten 4s: borrowing five 4s leaves five, too few for a repeated run, so all 13 values are bit-packed.
        int[] values = [1, 2, 3, .. Enumerable.Repeat(4, 10)];
        byte[] encoded = EncodingTestData.Encode(w => RleBitPackedHybrid.Encode(values, 3, w));
        Assert.Equal(0x05, encoded[0]);
        Assert.Equal(1 + (2 * 3), encoded.Length);
    }

    [Fact]
    public void Encode_with_width_zero_writes_a_repeated_run_other_readers_understand()
    {
        byte[] encoded = EncodingTestData.Encode(w => RleBitPackedHybrid.Encode(new int[20], 0, w));
        Assert.Equal([40], encoded);
        var decoded = new int[20];
        decoded.AsSpan().Fill(9);
        Assert.Equal(1, RleBitPackedHybrid.Decode(encoded, 0, decoded));
        Assert.All(decoded, v => Assert.Equal(0, v));
    }

    [Fact]
    public void Decode_with_width_zero_and_no_data_yields_zeros()
    {
        var decoded = new int[5];
        decoded.AsSpan().Fill(7);
        Assert.Equal(0, RleBitPackedHybrid.Decode([], 0, decoded));
        Assert.All(decoded, v => Assert.Equal(0, v));
    }

    [Fact]
    public void Encode_rejects_a_value_wider_than_the_bit_width() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EncodingTestData.Encode(w => RleBitPackedHybrid.Encode([8], 3, w)));

    [Theory]
    [MemberData(nameof(Widths))]
    public void Decode_restores_encoded_random_values_for_every_length(int width)
    {
        var random = new Random(1000 + width);
        foreach (int length in EncodingTestData.Lengths)
        {
            int[] values = EncodingTestData.RandomValues(random, length, width);
            byte[] encoded = EncodingTestData.Encode(w => RleBitPackedHybrid.Encode(values, width, w));
            var decoded = new int[length];
            int consumed = RleBitPackedHybrid.Decode(encoded, width, decoded);
            Assert.Equal(values, decoded);
            Assert.Equal(encoded.Length, consumed);
        }
    }

    [Fact]
    public void Encode_of_long_runs_is_far_smaller_than_bit_packing()
    {
        int[] values = Enumerable.Range(0, 100_000).Select(i => i / 1000).ToArray();
        byte[] encoded = EncodingTestData.Encode(w => RleBitPackedHybrid.Encode(values, 7, w));
        Assert.True(encoded.Length < 400, $"{encoded.Length} bytes for 100 runs");
    }

    [Fact]
    public void Decode_reports_the_consumed_bytes_so_trailing_data_is_left_alone()
    {
        byte[] encoded = EncodingTestData.Encode(w => RleBitPackedHybrid.Encode([1, 2, 3, 1, 2, 3, 1, 2, 3], 2, w));
        byte[] withTrailer = [.. encoded, 0xAB, 0xCD];
        Assert.Equal(encoded.Length, RleBitPackedHybrid.Decode(withTrailer, 2, new int[9]));
    }

    [Theory]
    [InlineData(33)]
    [InlineData(-1)]
    [InlineData(64)]
    public void Decode_rejects_a_bit_width_outside_0_to_32(int width) =>
        Assert.Throws<InvalidDataException>(() => RleBitPackedHybrid.Decode([0x02, 0x00], width, new int[1]));

    [Fact]
    public void Decode_rejects_a_repeated_value_that_does_not_fit_the_bit_width() =>
        Assert.Throws<InvalidDataException>(() => RleBitPackedHybrid.Decode([0x02, 0x08], 3, new int[1]));

    [Fact]
    public void Decode_rejects_a_run_header_longer_than_32_bits() =>
        Assert.Throws<InvalidDataException>(() => RleBitPackedHybrid.Decode([0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0x00], 1, new int[1]));

    [Fact]
    public void Decode_rejects_a_varint_longer_than_64_bits() =>
        Assert.Throws<InvalidDataException>(() => RleBitPackedHybrid.Decode([.. Enumerable.Repeat((byte)0xFF, 11), 0x00], 1, new int[1]));

    [Fact]
    public void Decode_rejects_requests_for_more_values_than_the_data_holds()
    {
        byte[] encoded = EncodingTestData.Encode(w => RleBitPackedHybrid.Encode(Enumerable.Range(0, 100).ToArray(), 7, w));
        Assert.Throws<InvalidDataException>(() => RleBitPackedHybrid.Decode(encoded, 7, new int[1_000_000]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(17)]
    [InlineData(32)]
    public void Decode_of_every_truncation_of_a_valid_encoding_throws_only_InvalidDataException(int width)
    {
        var random = new Random(width);
        int[] values = EncodingTestData.RandomValues(random, 300, width);
        byte[] encoded = EncodingTestData.Encode(w => RleBitPackedHybrid.Encode(values, width, w));
        int rejected = 0;
        for (int cut = 0; cut < encoded.Length; cut++)
        {
            byte[] truncated = encoded[..cut];
            if (EncodingTestData.RejectsOrDecodes(() => RleBitPackedHybrid.Decode(truncated, width, new int[values.Length])))
            {
                rejected++;
            }
        }

        Assert.True(rejected > encoded.Length / 2, $"only {rejected} of {encoded.Length} truncations were rejected");
    }

    [Fact]
    public void Decode_of_random_garbage_throws_only_InvalidDataException()
    {
        var random = new Random(42);
        int rejected = 0;
        for (int trial = 0; trial < 5000; trial++)
        {
            byte[] garbage = new byte[random.Next(0, 64)];
            random.NextBytes(garbage);
            int width = random.Next(0, 33);
            var output = new int[random.Next(0, 2000)];
            if (EncodingTestData.RejectsOrDecodes(() => RleBitPackedHybrid.Decode(garbage, width, output)))
            {
                rejected++;
            }
        }

        Assert.True(rejected > 1000, $"only {rejected} garbage inputs were rejected");
    }

    public static TheoryData<int> Widths() => EncodingTestData.WidthCases(32);
}
