using System.Diagnostics;
using System.Globalization;
using HdrHistogram;

namespace FeatureStore.Benchmarks;

/// <summary>
/// The latency of the calls of one run that no GC pause of this process overlapped (from intended send to completion),
/// and how many calls a pause did overlap: splits a tail into the part GC pauses cause and the part they do not.
/// </summary>
internal sealed record GcClearCalls(long Touched, long Clear, HistogramBase Latency)
{
    /// <param name="intendedAt">Per call, its intended send time (Stopwatch ticks).</param>
    /// <param name="completedAt">Per call, its completion time; 0 for a call that failed.</param>
    /// <param name="start">The run's start in Stopwatch ticks, taken right after <paramref name="startUtc"/>.</param>
    /// <remarks>Call once the run's pause events have reached <see cref="RuntimeLoad.GcEvents"/>.</remarks>
    public static GcClearCalls Of(long[] intendedAt, long[] completedAt, long start, DateTime startUtc)
    {
        var pauses = RuntimeLoad.GcEvents.Since(startUtc)
            .Select(p => (Start: ToTicks(p.Start), End: ToTicks(p.End)))
            .ToArray();
        var latency = new LongHistogram(1, OpenLoopResult.HighestMicroseconds, 3);
        long touched = 0, clear = 0;
        var next = 0;
        for (var i = 0; i < intendedAt.Length; i++)
        {
            if (completedAt[i] == 0)
                continue;
            // Intended times rise with i: skip the pauses that ended before this call was due.
            while (next < pauses.Length && pauses[next].End < intendedAt[i])
                next++;
            // Pauses are in time order: the first one not over before the call was due is the only one to check.
            if (next < pauses.Length && pauses[next].Start <= completedAt[i])
            {
                touched++;
                continue;
            }

            clear++;
            latency.RecordValue(Math.Clamp((completedAt[i] - intendedAt[i]) * 1_000_000 / Stopwatch.Frequency, 0, OpenLoopResult.HighestMicroseconds));
        }

        return new GcClearCalls(touched, clear, latency);

        long ToTicks(DateTime utc) => start + (long)((utc - startUtc).TotalSeconds * Stopwatch.Frequency);
    }

    public double P99Ms => Clear == 0 ? 0 : Latency.GetValueAtPercentile(99) / 1000.0;

    public override string ToString() => Clear == 0
        ? $"no call clear of GC pauses ({Touched:N0} overlapped one)"
        : string.Create(CultureInfo.InvariantCulture,
            $"calls clear of GC pauses: p99 {P99Ms:F3} ms ({Touched:N0} of {Touched + Clear:N0} overlapped a pause)");
}
