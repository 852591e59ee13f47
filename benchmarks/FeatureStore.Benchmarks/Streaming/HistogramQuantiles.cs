using System.Globalization;
using Prometheus;

namespace FeatureStore.Benchmarks.Streaming;

/// <summary>
/// Quantiles of a prometheus-net histogram read from its text exposition, interpolated linearly inside the bucket that
/// holds them (so they are only as fine as the buckets).
/// </summary>
internal static class HistogramQuantiles
{
    public static async Task<(double P50, double P99, long Count)> ReadAsync(CollectorRegistry registry, string name)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        var buckets = new List<(double Le, double Count)>();
        foreach (var line in System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n'))
        {
            if (!line.StartsWith(name + "_bucket{", StringComparison.Ordinal))
                continue;
            var le = line[(line.IndexOf("le=\"", StringComparison.Ordinal) + 4)..];
            le = le[..le.IndexOf('"', StringComparison.Ordinal)];
            var count = double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            buckets.Add((le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture), count));
        }

        var total = buckets.Count == 0 ? 0 : buckets[^1].Count;
        return (BucketQuantile.Of(buckets, 0.5), BucketQuantile.Of(buckets, 0.99), (long)total);
    }
}
