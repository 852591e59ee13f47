namespace FeatureStore.Materialization.Tests;

/// <summary>A clock whose "now" the test sets; timers and stopwatches keep running on real time.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
