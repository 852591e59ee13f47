using FeatureStore.Materialization.Source;

namespace FeatureStore.Materialization.Tests;

/// <summary><see cref="KeyCode"/>: short keys are their code exactly, longer keys their hash, and the hash comes back from either.</summary>
public sealed class KeyCodeTests
{
    [Fact]
    public void Short_keys_of_every_length_get_distinct_codes_that_give_back_their_hash()
    {
        var random = new Random(3);
        var keys = new List<byte[]> { new byte[] { 1 }, new byte[] { 1, 0 }, new byte[] { 1, 0, 0 }, new byte[] { 0 }, new byte[7] };
        for (var length = 1; length <= 7; length++)
        {
            for (var i = 0; i < 50; i++)
            {
                var key = new byte[length];
                random.NextBytes(key);
                keys.Add(key);
            }
        }

        var distinct = keys.DistinctBy(Convert.ToHexString).ToList();
        var codes = distinct.Select(k => KeyCode.Of(k, ScannedRows.StableHashOf(k))).ToList();
        Assert.Equal(distinct.Count, codes.Distinct().Count());
        Assert.DoesNotContain(0UL, codes);
        Assert.All(codes, c => Assert.False(KeyCode.IsHash(c)));
        Assert.Equal(distinct.Select(k => ScannedRows.StableHashOf(k)), codes.Select(KeyCode.HashOf));
        // A short key's code holds its bytes in order, lowest byte first.
        Assert.Equal((5UL << 56) | 0x0504030201UL, KeyCode.Of([1, 2, 3, 4, 5], 0));
    }

    [Fact]
    public void Keys_of_eight_bytes_and_more_are_their_hash_under_a_marker()
    {
        byte[] eight = [1, 2, 3, 4, 5, 6, 7, 8];
        byte[] nine = [1, 2, 3, 4, 5, 6, 7, 8, 0];
        var code = KeyCode.Of(eight, ScannedRows.StableHashOf(eight));
        Assert.True(KeyCode.IsHash(code));
        Assert.Equal(ScannedRows.StableHashOf(eight), KeyCode.HashOf(code));
        Assert.NotEqual(code, KeyCode.Of(nine, ScannedRows.StableHashOf(nine)));
    }
}
