using FeatureStore.Parquet.Encodings;

namespace FeatureStore.Parquet.Tests.Encodings;

public class DeltaByteArrayTests
{
    // Encodings.md example "axis", "axle", "babble", "babyhood", hand-encoded:
    // prefix lengths 0,2,0,3: header 128,4,4,zigzag(0); deltas 2,-2,3 -> min -2 (zigzag 3), width 3, relative 4,0,5 -> 44 01.
    // suffix lengths 4,2,6,5: header 128,4,4,zigzag(4)=8; deltas -2,4,-1 -> min -2, width 3, relative 0,6,1 -> 70 00.
    private static readonly byte[] SpecExample =
    [
        0x80, 0x01, 0x04, 0x04, 0x00, 0x03, 0x03, 0x00, 0x00, 0x00, 0x44, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0x80, 0x01, 0x04, 0x04, 0x08, 0x03, 0x03, 0x00, 0x00, 0x00, 0x70, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        .. "axislebabbleyhood"u8,
    ];

    [Fact]
    public void Encode_writes_the_spec_example_byte_for_byte()
    {
        (int[] offsets, byte[] bytes) = ByteArrays.From("axis", "axle", "babble", "babyhood");
        Assert.Equal(SpecExample, EncodingTestData.Encode(w => DeltaByteArray.Encode(offsets, bytes, w)));
    }

    [Fact]
    public void Decode_reads_the_spec_example()
    {
        DeltaByteArray.Decode([.. SpecExample, 0x55], 4, out int[] offsets, out byte[] bytes, out int consumed);
        Assert.Equal(["axis", "axle", "babble", "babyhood"], ByteArrays.ToStrings(offsets, bytes));
        Assert.Equal(SpecExample.Length, consumed);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Decode_restores_encoded_values_that_share_prefixes(int count)
    {
        var random = new Random(count);
        string[] words = Enumerable.Range(0, count)
            .Select(_ => "user/" + random.Next(0, 50).ToString("D3", System.Globalization.CultureInfo.InvariantCulture) + new string('x', random.Next(0, 4)))
            .Order(StringComparer.Ordinal)
            .ToArray();
        (int[] offsets, byte[] bytes) = ByteArrays.From(words);
        byte[] encoded = EncodingTestData.Encode(w => DeltaByteArray.Encode(offsets, bytes, w));
        DeltaByteArray.Decode(encoded, count, out int[] decodedOffsets, out byte[] decodedBytes, out int consumed);
        Assert.Equal(words, ByteArrays.ToStrings(decodedOffsets, decodedBytes));
        Assert.Equal(encoded.Length, consumed);
        Assert.True(count < 1000 || encoded.Length < bytes.Length, "front compression should shrink sorted keys");
    }

    [Fact]
    public void Decode_restores_random_binary_values_including_empty_ones()
    {
        (int[] offsets, byte[] bytes) = ByteArrays.Random(new Random(5), 2000, maxLength: 3);
        byte[] encoded = EncodingTestData.Encode(w => DeltaByteArray.Encode(offsets, bytes, w));
        DeltaByteArray.Decode(encoded, 2000, out int[] decodedOffsets, out byte[] decodedBytes, out _);
        Assert.Equal(offsets, decodedOffsets);
        Assert.Equal(bytes, decodedBytes);
    }

    [Fact]
    public void Decode_rejects_a_prefix_longer_than_the_previous_value()
    {
        byte[] encoded = [.. Encode32([0, 5]), .. Encode32([2, 1]), .. "abc"u8];
        Assert.Throws<InvalidDataException>(() => DeltaByteArray.Decode(encoded, 2, out _, out _, out _));
    }

    [Fact]
    public void Decode_rejects_a_non_zero_prefix_on_the_first_value()
    {
        byte[] encoded = [.. Encode32([1]), .. Encode32([1]), .. "a"u8];
        Assert.Throws<InvalidDataException>(() => DeltaByteArray.Decode(encoded, 1, out _, out _, out _));
    }

    [Fact]
    public void Decode_rejects_prefixes_that_would_expand_past_the_largest_array()
    {
        // one 1000-byte value, then 3 million values repeating it entirely: 3 GB of output from a tiny input
        const int count = 3_000_001;
        int[] prefixes = [0, .. Enumerable.Repeat(1000, count - 1)];
        int[] suffixLengths = [1000, .. new int[count - 1]];
        byte[] encoded = [.. Encode32(prefixes), .. Encode32(suffixLengths), .. new byte[1000]];
        Assert.Throws<InvalidDataException>(() => DeltaByteArray.Decode(encoded, count, out _, out _, out _));
    }

    [Fact]
    public void Decode_of_every_truncation_throws_only_InvalidDataException()
    {
        for (int cut = 0; cut < SpecExample.Length; cut++)
        {
            byte[] truncated = SpecExample[..cut];
            Assert.Throws<InvalidDataException>(() => DeltaByteArray.Decode(truncated, 4, out _, out _, out _));
        }
    }

    [Fact]
    public void Decode_of_random_garbage_throws_only_InvalidDataException()
    {
        var random = new Random(9);
        for (int trial = 0; trial < 3000; trial++)
        {
            byte[] garbage = new byte[random.Next(1, 100)];
            random.NextBytes(garbage);
            int count = random.Next(0, 10);
            EncodingTestData.RejectsOrDecodes(() => DeltaByteArray.Decode(garbage, count, out _, out _, out _));
        }

        Assert.Throws<InvalidDataException>(() => DeltaByteArray.Decode(SpecExample, 40_000_000, out _, out _, out _));
    }

    private static byte[] Encode32(int[] values) => EncodingTestData.Encode(w => DeltaBinaryPacked.EncodeInt32(values, w));

    public static TheoryData<int> Lengths() => EncodingTestData.LengthCases();
}
