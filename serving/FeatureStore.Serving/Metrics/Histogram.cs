using System.Diagnostics;

namespace FeatureStore.Serving.Metrics;

/// <summary>
/// A lock-free Prometheus histogram: one Interlocked counter per bucket plus a sum. Observing is a few nanoseconds
/// and never blocks (it is on the request path); exporting reads the counters without stopping writers.
/// </summary>
public sealed class Histogram
{
    private readonly double[] bounds;
    private readonly long[] counts;
    private long sumBits;

    public Histogram(double[] bounds)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        this.bounds = bounds;
        counts = new long[bounds.Length + 1];
    }

    /// <summary>Latency buckets in seconds, from 50 µs to 10 s.</summary>
    public static double[] LatencyBounds { get; } =
        [0.00005, 0.0001, 0.00025, 0.0005, 0.00075, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Count buckets (entity rows, features per request).</summary>
    public static double[] CountBounds { get; } = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000];

    /// <summary>Age buckets in seconds, from 1 s to 30 days.</summary>
    public static double[] AgeBounds { get; } = [1, 10, 60, 300, 900, 3600, 6 * 3600, 24 * 3600, 7 * 24 * 3600, 30 * 24 * 3600];

    public IReadOnlyList<double> Bounds => bounds;

    public void Observe(double value)
    {
        var i = 0;
        while (i < bounds.Length && value > bounds[i])
        {
            i++;
        }

        Interlocked.Increment(ref counts[i]);
        AddToSum(value);
    }

    /// <summary>Observes the seconds elapsed since <paramref name="startTimestamp"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public void ObserveElapsed(long startTimestamp) => Observe(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds);

    /// <summary>Cumulative bucket counts (the last is +Inf, i.e. the total count) and the sum.</summary>
    public (long[] Cumulative, double Sum) Read()
    {
        var cumulative = new long[counts.Length];
        long running = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            running += Volatile.Read(ref counts[i]);
            cumulative[i] = running;
        }

        return (cumulative, BitConverter.Int64BitsToDouble(Volatile.Read(ref sumBits)));
    }

    private void AddToSum(double value)
    {
        var current = Volatile.Read(ref sumBits);
        while (true)
        {
            var next = BitConverter.DoubleToInt64Bits(BitConverter.Int64BitsToDouble(current) + value);
            var seen = Interlocked.CompareExchange(ref sumBits, next, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
