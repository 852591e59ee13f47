using FeatureStore.Materialization.Progress;

namespace FeatureStore.Materialization.Running;

/// <summary>Tuning of a <see cref="Materializer"/>; the defaults suit the CLI.</summary>
public sealed record MaterializerOptions
{
    /// <summary>Event-time span of one chunk; the watermark advances after each chunk's writes complete.</summary>
    public TimeSpan ChunkSize { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Rows per online write call.</summary>
    public int BatchSize { get; init; } = 5000;

    /// <summary>Write calls of one chunk allowed in flight at once (keeps the store busy between round trips).</summary>
    public int WritesInFlight { get; init; } = 4;

    /// <summary>Upper bound on rows written per second (token bucket); null = as fast as the store takes them.</summary>
    public double? MaxRowsPerSecond { get; init; }

    public IMaterializationProgress? Progress { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
