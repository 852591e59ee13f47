using FeatureStore.Materialization.Progress;

namespace FeatureStore.Materialization.Running;

/// <summary>Tuning of a <see cref="Materializer"/>; the defaults suit the CLI.</summary>
public sealed record MaterializerOptions
{
    /// <summary>
    /// Event-time span of one quality-gate bucket: max_null_fraction is judged per bucket, and policy fail writes nothing
    /// from the first failing bucket on. Writing does not follow buckets (each entity is written once per run).
    /// </summary>
    public TimeSpan ChunkSize { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Winners per entity partition (the unit of writing and of resume after a crash); the partition count follows from it.</summary>
    public int EntitiesPerPartition { get; init; } = 50_000;

    /// <summary>
    /// Memory a view's window may take while it is planned. With quality rules it is estimated from the row groups to read
    /// (decoded column bytes plus about 100 bytes per row); without, the entities kept may take it less room for four decoded
    /// row groups (about 80 bytes each plus 16 per feature). A larger window is spilled into entity buckets in temp files and planned bucket by bucket.
    /// </summary>
    public long MemoryBudgetBytes { get; init; } = 1L << 30;

    /// <summary>Folder for spill files (a subfolder per run, deleted when the view's run ends); null = <c>.featurestore/spill</c> in the repo.</summary>
    public string? SpillDirectory { get; init; }

    /// <summary>How often a running view refreshes its run record's heartbeat.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>A "running" record of another host with no heartbeat for this long is marked abandoned by the next run.</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Rows per online write call.</summary>
    public int BatchSize { get; init; } = 5000;

    /// <summary>Write calls of one chunk allowed in flight at once (keeps the store busy between round trips).</summary>
    public int WritesInFlight { get; init; } = 4;

    /// <summary>Upper bound on rows written per second (token bucket); null = as fast as the store takes them.</summary>
    public double? MaxRowsPerSecond { get; init; }

    public IMaterializationProgress? Progress { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
