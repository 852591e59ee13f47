namespace FeatureStore.Benchmarks;

/// <summary>
/// A quantile of a Prometheus histogram from its cumulative buckets (upper bound, count up to it; the last is +Inf),
/// interpolated linearly inside the bucket that holds it, so it is only as fine as the buckets.
/// </summary>
internal static class BucketQuantile
{
    /// <returns>The quantile in the buckets' unit; NaN when the histogram holds no observation.</returns>
    public static double Of(IReadOnlyList<(double Le, double Count)> buckets, double q)
    {
        var total = buckets.Count == 0 ? 0 : buckets[^1].Count;
        if (total == 0)
            return double.NaN;
        var rank = q * total;
        var (lower, below) = (0.0, 0.0);
        foreach (var (le, count) in buckets)
        {
            if (count >= rank)
                return double.IsPositiveInfinity(le) ? lower : lower + ((le - lower) * (rank - below) / Math.Max(1, count - below));
            (lower, below) = (le, count);
        }

        return lower;
    }
}
