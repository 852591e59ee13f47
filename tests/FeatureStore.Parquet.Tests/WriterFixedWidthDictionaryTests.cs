using FeatureStore.Parquet.Writing;

namespace FeatureStore.Parquet.Tests;

/// <summary><see cref="FixedWidthDictionary{T}"/>: dense indices in first-seen order, values told apart by bit pattern.</summary>
public sealed class WriterFixedWidthDictionaryTests
{
    [Fact]
    public void Indices_match_a_reference_dictionary_through_many_growths()
    {
        var random = new Random(11);
        var dictionary = new FixedWidthDictionary<long>();
        var reference = new Dictionary<long, int>();
        for (var i = 0; i < 300_000; i++)
        {
            var value = random.Next(100_000) * 4_294_967_296L; // low 32 bits all zero: the hash must use the high bits too
            if (!reference.TryGetValue(value, out var expected))
            {
                expected = reference.Count;
                reference.Add(value, expected);
            }

            Assert.Equal(expected, dictionary.GetOrAdd(value));
        }

        Assert.Equal(reference.Count, dictionary.Count);
        Assert.Equal(reference.OrderBy(p => p.Value).Select(p => p.Key), dictionary.Values.ToArray());
    }

    [Fact]
    public void Signed_zeros_and_NaN_payloads_are_distinct_entries()
    {
        var quietNaN = BitConverter.Int64BitsToDouble(0x7FF8000000000000);
        var otherNaN = BitConverter.Int64BitsToDouble(0x7FF8000000000001);
        var dictionary = new FixedWidthDictionary<double>();

        int[] indices = [dictionary.GetOrAdd(0.0), dictionary.GetOrAdd(-0.0), dictionary.GetOrAdd(quietNaN), dictionary.GetOrAdd(otherNaN), dictionary.GetOrAdd(-0.0), dictionary.GetOrAdd(otherNaN)];

        Assert.Equal([0, 1, 2, 3, 1, 3], indices);
        Assert.Equal(
            [0L, BitConverter.DoubleToInt64Bits(-0.0), 0x7FF8000000000000, 0x7FF8000000000001],
            dictionary.Values.ToArray().Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Float_values_use_all_four_bytes()
    {
        var dictionary = new FixedWidthDictionary<float>();
        for (var i = 0; i < 5000; i++)
        {
            Assert.Equal(i, dictionary.GetOrAdd(i / 1000f));
        }

        Assert.Equal(1234, dictionary.GetOrAdd(1.234f));
    }
}
