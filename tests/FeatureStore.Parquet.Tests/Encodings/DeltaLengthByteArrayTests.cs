using FeatureStore.Parquet.Encodings;

namespace FeatureStore.Parquet.Tests.Encodings;

public class DeltaLengthByteArrayTests
{
    // Encodings.md example "Hello", "World", "Foobar", "ABCDEF": DeltaEncoding(5, 5, 6, 6) then the bytes.
    // Lengths: header 128, 4, 4, zigzag(5) = 10; block: deltas 0,1,0 -> min 0, widths 1 0 0 0, bits 0,1,0 -> 02 00 00 00.
    private static readonly byte[] SpecExample =
        [0x80, 0x01, 0x04, 0x04, 0x0A, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, .. "HelloWorldFoobarABCDEF"u8];

    [Fact]
    public void Encode_writes_the_spec_example_byte_for_byte()
    {
        (int[] offsets, byte[] bytes) = ByteArrays.From("Hello", "World", "Foobar", "ABCDEF");
        Assert.Equal(SpecExample, EncodingTestData.Encode(w => DeltaLengthByteArray.Encode(offsets, bytes, w)));
    }

    [Fact]
    public void Decode_reads_the_spec_example()
    {
        DeltaLengthByteArray.Decode([.. SpecExample, 0x77], 4, out int[] offsets, out byte[] bytes, out int consumed);
        Assert.Equal(["Hello", "World", "Foobar", "ABCDEF"], ByteArrays.ToStrings(offsets, bytes));
        Assert.Equal(SpecExample.Length, consumed);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Decode_restores_encoded_random_values(int count)
    {
        (int[] offsets, byte[] bytes) = ByteArrays.Random(new Random(count), count, maxLength: 40);
        byte[] encoded = EncodingTestData.Encode(w => DeltaLengthByteArray.Encode(offsets, bytes, w));
        DeltaLengthByteArray.Decode(encoded, count, out int[] decodedOffsets, out byte[] decodedBytes, out int consumed);
        Assert.Equal(offsets, decodedOffsets);
        Assert.Equal(bytes, decodedBytes);
        Assert.Equal(encoded.Length, consumed);
    }

    [Fact]
    public void Encode_honours_offsets_that_start_inside_the_byte_buffer()
    {
        byte[] bytes = "xxabcdef"u8.ToArray();
        byte[] encoded = EncodingTestData.Encode(w => DeltaLengthByteArray.Encode([2, 4, 8], bytes, w));
        DeltaLengthByteArray.Decode(encoded, 2, out int[] offsets, out byte[] decoded, out _);
        Assert.Equal(["ab", "cdef"], ByteArrays.ToStrings(offsets, decoded));
    }

    [Fact]
    public void Decode_of_zero_values_accepts_empty_data()
    {
        DeltaLengthByteArray.Decode([], 0, out int[] offsets, out byte[] bytes, out int consumed);
        Assert.Equal([0], offsets);
        Assert.Empty(bytes);
        Assert.Equal(0, consumed);
    }

    [Fact]
    public void Decode_rejects_a_negative_length()
    {
        byte[] lengths = EncodingTestData.Encode(w => DeltaBinaryPacked.EncodeInt32([3, -1], w));
        Assert.Throws<InvalidDataException>(() => DeltaLengthByteArray.Decode([.. lengths, 1, 2, 3], 2, out _, out _, out _));
    }

    [Fact]
    public void Decode_rejects_lengths_that_run_past_the_data()
    {
        byte[] lengths = EncodingTestData.Encode(w => DeltaBinaryPacked.EncodeInt32([3, int.MaxValue], w));
        Assert.Throws<InvalidDataException>(() => DeltaLengthByteArray.Decode([.. lengths, 1, 2, 3, 4], 2, out _, out _, out _));
    }

    [Fact]
    public void Decode_rejects_a_count_the_header_does_not_declare_before_allocating()
    {
        Assert.Throws<InvalidDataException>(() => DeltaLengthByteArray.Decode(SpecExample, 1_000_000_000, out _, out _, out _));
        Assert.Throws<InvalidDataException>(() => DeltaLengthByteArray.Decode(SpecExample, int.MaxValue, out _, out _, out _));
    }

    [Fact]
    public void Decode_of_every_truncation_throws_only_InvalidDataException()
    {
        for (int cut = 0; cut < SpecExample.Length; cut++)
        {
            byte[] truncated = SpecExample[..cut];
            Assert.Throws<InvalidDataException>(() => DeltaLengthByteArray.Decode(truncated, 4, out _, out _, out _));
        }
    }

    [Fact]
    public void Decode_of_random_garbage_throws_only_InvalidDataException()
    {
        var random = new Random(3);
        for (int trial = 0; trial < 3000; trial++)
        {
            byte[] garbage = new byte[random.Next(1, 80)];
            random.NextBytes(garbage);
            int count = random.Next(0, 10);
            EncodingTestData.RejectsOrDecodes(() => DeltaLengthByteArray.Decode(garbage, count, out _, out _, out _));
        }

        Assert.Throws<InvalidDataException>(() => DeltaLengthByteArray.Decode([0x80, 0x01, 0x04], 1, out _, out _, out _));
    }

    public static TheoryData<int> Lengths() => EncodingTestData.LengthCases();
}
