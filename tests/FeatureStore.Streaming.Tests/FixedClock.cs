namespace FeatureStore.Streaming.Tests;

/// <summary>A clock whose "now" the test sets (the ingestion time written to the created column).</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
