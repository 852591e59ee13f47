namespace FeatureStore.Sdk.Online;

/// <summary>What a materialization covers and how fast it writes (the switches of <c>featurestore materialize</c>).</summary>
public sealed record MaterializeOptions
{
    public static MaterializeOptions Default { get; } = new();

    /// <summary>Only these feature views; null or empty: every online view.</summary>
    public IReadOnlyList<string>? Views { get; init; }

    /// <summary>Throttle online writes to this many rows per second; null: as fast as the store takes them.</summary>
    public double? MaxRowsPerSecond { get; init; }

    /// <summary>Entities per write partition (the unit recorded for resuming after a crash); null: 50,000.</summary>
    public int? EntitiesPerPartition { get; init; }

    /// <summary>
    /// Memory a view's window may take while it is planned; a larger window is spilled to temp files by entity bucket and
    /// planned bucket by bucket. Null: 1 GiB.
    /// </summary>
    public long? MemoryBudgetBytes { get; init; }
}
