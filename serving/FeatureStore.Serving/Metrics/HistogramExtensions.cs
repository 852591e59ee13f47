using System.Diagnostics;
using Prometheus;

namespace FeatureStore.Serving.Metrics;

public static class HistogramExtensions
{
    /// <summary>Observes the seconds elapsed since <paramref name="startTimestamp"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public static void ObserveElapsed(this IHistogram histogram, long startTimestamp)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        histogram.Observe(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds);
    }
}
