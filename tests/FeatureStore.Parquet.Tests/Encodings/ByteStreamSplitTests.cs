using FeatureStore.Parquet.Encodings;

namespace FeatureStore.Parquet.Tests.Encodings;

public class ByteStreamSplitTests
{
    // Encodings.md example: three 4-byte elements AA BB CC DD | 00 11 22 33 | A3 B4 C5 D6.
    private static readonly byte[] SpecValues = [0xAA, 0xBB, 0xCC, 0xDD, 0x00, 0x11, 0x22, 0x33, 0xA3, 0xB4, 0xC5, 0xD6];
    private static readonly byte[] SpecEncoded = [0xAA, 0x00, 0xA3, 0xBB, 0x11, 0xB4, 0xCC, 0x22, 0xC5, 0xDD, 0x33, 0xD6];

    [Fact]
    public void Encode_writes_the_spec_example() =>
        Assert.Equal(SpecEncoded, EncodingTestData.Encode(w => ByteStreamSplit.Encode(SpecValues, 4, w)));

    [Fact]
    public void Decode_reads_the_spec_example()
    {
        var output = new byte[12];
        Assert.Equal(12, ByteStreamSplit.Decode(SpecEncoded, 4, 3, output));
        Assert.Equal(SpecValues, output);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(16)]
    public void Decode_restores_encoded_elements_of_every_size_and_length(int elementSize)
    {
        var random = new Random(elementSize);
        foreach (int count in EncodingTestData.Lengths)
        {
            var values = new byte[count * elementSize];
            random.NextBytes(values);
            byte[] encoded = EncodingTestData.Encode(w => ByteStreamSplit.Encode(values, elementSize, w));
            var decoded = new byte[values.Length];
            Assert.Equal(values.Length, ByteStreamSplit.Decode(encoded, elementSize, count, decoded));
            Assert.Equal(values, decoded);
        }
    }

    [Fact]
    public void Decode_round_trips_doubles_bit_for_bit()
    {
        double[] values = [0.0, -0.0, double.NaN, double.PositiveInfinity, double.Epsilon, Math.PI, -1e300];
        byte[] raw = System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        byte[] encoded = EncodingTestData.Encode(w => ByteStreamSplit.Encode(raw, 8, w));
        var decoded = new double[values.Length];
        ByteStreamSplit.Decode(encoded, 8, values.Length, System.Runtime.InteropServices.MemoryMarshal.AsBytes(decoded.AsSpan()));
        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), decoded.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Decode_rejects_data_shorter_than_count_times_element_size()
    {
        for (int cut = 0; cut < SpecEncoded.Length; cut++)
        {
            byte[] truncated = SpecEncoded[..cut];
            Assert.Throws<InvalidDataException>(() => ByteStreamSplit.Decode(truncated, 4, 3, new byte[12]));
        }

        Assert.Throws<InvalidDataException>(() => ByteStreamSplit.Decode(SpecEncoded, 8, int.MaxValue, new byte[12]));
    }
}
