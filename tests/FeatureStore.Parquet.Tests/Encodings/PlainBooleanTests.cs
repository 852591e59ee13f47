using FeatureStore.Parquet.Encodings;

namespace FeatureStore.Parquet.Tests.Encodings;

public class PlainBooleanTests
{
    // LSB first: values 0..7 fill bits 0..7 of the first byte, value 8 is bit 0 of the second.
    private static readonly bool[] Values = [true, false, true, true, false, false, false, false, true];
    private static readonly byte[] Packed = [0b0000_1101, 0b0000_0001];

    [Fact]
    public void Encode_packs_values_least_significant_bit_first() =>
        Assert.Equal(Packed, EncodingTestData.Encode(w => PlainBoolean.Encode(Values, w)));

    [Fact]
    public void Decode_unpacks_values_least_significant_bit_first()
    {
        var output = new bool[9];
        Assert.Equal(2, PlainBoolean.Decode([.. Packed, 0xFF], output));
        Assert.Equal(Values, output);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Decode_restores_encoded_random_values(int count)
    {
        var random = new Random(count);
        bool[] values = Enumerable.Range(0, count).Select(_ => random.Next(2) == 1).ToArray();
        byte[] encoded = EncodingTestData.Encode(w => PlainBoolean.Encode(values, w));
        Assert.Equal((count + 7) / 8, encoded.Length);
        var decoded = new bool[count];
        Assert.Equal(encoded.Length, PlainBoolean.Decode(encoded, decoded));
        Assert.Equal(values, decoded);
    }

    [Fact]
    public void Decode_rejects_data_too_short_for_the_requested_count()
    {
        Assert.Throws<InvalidDataException>(() => PlainBoolean.Decode(Packed, new bool[17]));
        Assert.Throws<InvalidDataException>(() => PlainBoolean.Decode([], new bool[1]));
    }

    public static TheoryData<int> Lengths() => EncodingTestData.LengthCases();
}
