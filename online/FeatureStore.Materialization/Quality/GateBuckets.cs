namespace FeatureStore.Materialization.Quality;

/// <summary>Event-time buckets of the quality gate: spans of one size aligned to the Unix epoch, so every run cuts the same buckets.</summary>
internal sealed record GateBuckets(TimeSpan Size)
{
    private readonly long size = Math.Max(1, Size.Ticks);

    public long Index(long eventTicks) => (long)Math.Floor((eventTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (double)size);

    public long Start(long index) => DateTimeOffset.UnixEpoch.UtcTicks + (index * size);
}
