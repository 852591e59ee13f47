namespace FeatureStore.Benchmarks;

/// <summary>
/// A pseudo-random permutation of 0..count-1 computed one position at a time (a four-round Feistel network over the
/// next even number of bits, walking the cycle until the result is below count), so a history too large to shuffle in
/// memory can still be written in random order, row group by row group.
/// </summary>
internal sealed class RandomOrder
{
    private readonly long count;
    private readonly int halfBits;
    private readonly ulong halfMask;
    private readonly ulong[] keys;

    public RandomOrder(long count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        this.count = count;
        var bits = 2;
        while ((1L << bits) < count)
            bits += 2;
        halfBits = bits / 2;
        halfMask = (1UL << halfBits) - 1;
        var random = new Random(seed);
        keys = [.. Enumerable.Range(0, 4).Select(_ => (ulong)random.NextInt64())];
    }

    /// <summary>The value at position <paramref name="index"/>: every value below the count appears at exactly one position.</summary>
    public long At(long index)
    {
        var value = (ulong)index;
        do
        {
            value = Encrypt(value);
        }
        while (value >= (ulong)count);
        return (long)value;
    }

    private ulong Encrypt(ulong value)
    {
        var left = value >> halfBits;
        var right = value & halfMask;
        foreach (var key in keys)
            (left, right) = (right, left ^ (Mix(right ^ key) & halfMask));
        return (left << halfBits) | right;
    }

    /// <summary>A 64-bit finalizer (SplitMix64): every input bit affects every output bit.</summary>
    public static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
