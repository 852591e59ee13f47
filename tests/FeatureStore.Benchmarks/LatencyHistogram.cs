using System.Numerics;

namespace FeatureStore.Benchmarks;

/// <summary>
/// An HDR-like log-bucket histogram of microseconds (HdrHistogram is not obtainable here): exact below 256 µs, above that
/// 128 sub-buckets per power of two (values within 0.8 %). Recording is lock-free; percentiles report the bucket's upper bound.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 7;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int Exact = SubBuckets * 2;

    // 2^40 µs (12 days) is far beyond any call deadline.
    private readonly long[] counts = new long[(40 - SubBucketBits + 1) * SubBuckets];
    private long total;
    private long max;

    public long Count => Interlocked.Read(ref total);

    public void RecordMicroseconds(long value)
    {
        value = Math.Clamp(value, 0, (1L << 40) - 1);
        Interlocked.Increment(ref counts[IndexOf(value)]);
        Interlocked.Increment(ref total);
        long seen;
        while (value > (seen = Interlocked.Read(ref max)) && Interlocked.CompareExchange(ref max, value, seen) != seen)
        {
        }
    }

    /// <summary>The value at quantile <paramref name="q"/> (0..1], in microseconds; 0 when empty.</summary>
    public long Percentile(double q)
    {
        var n = Count;
        if (n == 0)
            return 0;
        var rank = Math.Max(1, (long)Math.Ceiling(q * n));
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += Interlocked.Read(ref counts[i]);
            if (seen >= rank)
                return Math.Min(UpperBound(i), Interlocked.Read(ref max));
        }

        return Interlocked.Read(ref max);
    }

    public long Max => Interlocked.Read(ref max);

    private static int IndexOf(long value)
    {
        if (value < Exact)
            return (int)value;
        var shift = 63 - BitOperations.LeadingZeroCount((ulong)value) - SubBucketBits;
        return ((shift + 1) * SubBuckets) + (int)((value >> shift) - SubBuckets);
    }

    private static long UpperBound(int index)
    {
        if (index < Exact)
            return index;
        var shift = (index / SubBuckets) - 1;
        var mantissa = (index % SubBuckets) + SubBuckets;
        return ((long)(mantissa + 1) << shift) - 1;
    }
}
