using System.Diagnostics;
using System.Globalization;
using FeatureStore.Offline;

namespace FeatureStore.Benchmarks;

/// <summary>The engine side of the pit benchmark, run in a fresh child process so its peak RSS (VmHWM) is its own.</summary>
internal static class PitEngineRun
{
    public static int Run(string dir, long memoryBudget, string output)
    {
        var request = new TrainingSetRequest
        {
            RepoDir = dir,
            SpinePath = Path.Combine(dir, "spine.parquet"),
            Features = ["hourly_stats:*", "daily_stats:*", "profile:*"],
            MemoryBudgetBytes = memoryBudget,
            Progress = Environment.GetEnvironmentVariable("PIT_PROGRESS") is null ? null : line => Console.WriteLine($"  {line} (CPU {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F2}s)"),
        };
        var watch = Stopwatch.StartNew();
        var trainingSet = TrainingSetEngine.BuildToFile(RegistrySnapshot.FromDefinitions(PitData.Definitions()), request, output).TrainingSet;
        var total = watch.Elapsed.TotalSeconds;
        var spilled = trainingSet.Statistics.Sum(s => s.SpilledBytes);
        var partitions = string.Join("/", trainingSet.Statistics.Select(s => s.Partitions));
        var present = trainingSet.StatusCounts()["conv_rate"][FeatureStatus.Present];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT wall={total:F3} cpu={Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:F3} rss_kb={PeakRssKb()} spilled={spilled} partitions={partitions} conv_rate_present={present}"));
        return 0;
    }

    public static long PeakRssKb()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return -1;
    }
}
