using System.Globalization;

namespace FeatureStore.Benchmarks.Streaming;

/// <summary>
/// The whole machine's busy CPU time from <c>/proc/stat</c> (every process: this one, Redis, and anything else running),
/// so a run disturbed by other work shows it. Null off Linux.
/// </summary>
internal readonly record struct MachineCpu(long BusyTicks, long TotalTicks)
{
    public static MachineCpu? Now()
    {
        if (!File.Exists("/proc/stat"))
            return null;
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Take(8).Sum();
        var idle = fields[3] + fields[4];
        return new MachineCpu(total - idle, total);
    }

    /// <summary>Busy share of all cores between two readings, in percent of one core.</summary>
    public static double? BusyCores(MachineCpu? start, MachineCpu? end) =>
        start is { } s && end is { } e && e.TotalTicks > s.TotalTicks
            ? 100.0 * (e.BusyTicks - s.BusyTicks) / (e.TotalTicks - s.TotalTicks) * Environment.ProcessorCount
            : null;
}
