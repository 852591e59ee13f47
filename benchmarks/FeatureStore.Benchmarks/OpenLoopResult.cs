using HdrHistogram;

namespace FeatureStore.Benchmarks;

/// <summary>The figures of one open-loop run at one rate; <paramref name="Latency"/> holds microseconds.</summary>
internal sealed record OpenLoopResult(double TargetRate, double AchievedRate, long Completed, long Errors, HistogramBase Latency, string? FirstError, RuntimeLoad Runtime, GcClearCalls GcClear)
{
    /// <summary>One hour: far beyond any call deadline; longer latencies are recorded as this.</summary>
    public const long HighestMicroseconds = 3_600_000_000;

    public double P50Ms => Percentile(50);

    public double P95Ms => Percentile(95);

    public double P99Ms => Percentile(99);

    public double P999Ms => Percentile(99.9);

    public double MaxMs => Completed == 0 ? 0 : Latency.GetMaxValue() / 1000.0;

    private double Percentile(double percentile) => Completed == 0 ? 0 : Latency.GetValueAtPercentile(percentile) / 1000.0;
}
