namespace FeatureStore.Sdk.Offline;

/// <summary>How a training set is built (the switches of <c>featurestore get-historical-features</c>).</summary>
public sealed record HistoricalFeatureOptions
{
    public static HistoricalFeatureOptions Default { get; } = new();

    /// <summary>Name feature columns <c>view__feature</c>.</summary>
    public bool FullFeatureNames { get; init; }

    /// <summary>"As known at": ignore rows created after the spine timestamp, for every view.</summary>
    public bool AsOfCreated { get; init; }

    /// <summary>Per-view "as known at" overrides of the views' own <c>as_of_created</c> setting (the global switch still wins).</summary>
    public IReadOnlyDictionary<string, bool> AsOfCreatedByView { get; init; } = new Dictionary<string, bool>();

    /// <summary>
    /// Add a <c>&lt;feature&gt;__status</c> column per feature to the output (PRESENT, MISSING, OUTSIDE_TTL, NULL_VALUE).
    /// In memory the statuses are always there: <see cref="TrainingSetTable.GetStatus"/>.
    /// </summary>
    public bool StatusColumns { get; init; }

    /// <summary>Working-memory budget of the join; larger inputs spill to disk.</summary>
    public long MemoryBudgetBytes { get; init; } = 1L << 30;

    /// <summary>Where spilled partitions go (default: the system temp folder).</summary>
    public string? TempDirectory { get; init; }
}
