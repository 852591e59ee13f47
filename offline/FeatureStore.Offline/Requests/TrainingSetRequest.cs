namespace FeatureStore.Offline;

/// <summary>
/// What to build: a spine (labelled events: a file or an in-memory batch), the features to attach (references
/// <c>view:feature</c> or one feature service), and how. Paths of sources are resolved against <see cref="RepoDir"/>;
/// the spine path against the current directory.
/// </summary>
public sealed record TrainingSetRequest
{
    /// <summary>The feature repo (its featurestore.yaml names the registry; relative source paths start here).</summary>
    public required string RepoDir { get; init; }

    /// <summary>Spine file: .parquet or .csv, one row per labelled event. Give this or <see cref="SpineBatch"/>.</summary>
    public string? SpinePath { get; init; }

    /// <summary>An in-memory spine, checked like a file (key types, timestamp column, nulls). Give this or <see cref="SpinePath"/>.</summary>
    public InMemorySpine? SpineBatch { get; init; }

    /// <summary>Feature references <c>view:feature</c> (or <c>view:*</c>); empty when <see cref="FeatureService"/> is set.</summary>
    public IReadOnlyList<string> Features { get; init; } = [];

    /// <summary>A feature service whose selection is used instead of <see cref="Features"/>.</summary>
    public string? FeatureService { get; init; }

    /// <summary>Name feature columns <c>view__feature</c> instead of <c>feature</c>.</summary>
    public bool FullFeatureNames { get; init; }

    /// <summary>"As known at" for every view: rows created after the spine timestamp are not candidates.</summary>
    public bool AsOfCreated { get; init; }

    /// <summary>Per-view "as known at" overrides; a view not listed uses its definition's <c>as_of_created</c>. <see cref="AsOfCreated"/> turns it on for all.</summary>
    public IReadOnlyDictionary<string, bool> AsOfCreatedByView { get; init; } = new Dictionary<string, bool>();

    /// <summary>Add a <c>&lt;feature&gt;__status</c> column per feature.</summary>
    public bool StatusColumns { get; init; }

    /// <summary>The spine's event timestamp column.</summary>
    public string TimestampColumn { get; init; } = "event_timestamp";

    /// <summary>Working-memory budget of the join; above it feature rows are partitioned and spilled to <see cref="TempDirectory"/>.</summary>
    public long MemoryBudgetBytes { get; init; } = 1L << 30;

    /// <summary>Where spilled partitions go (default: the system temp folder).</summary>
    public string? TempDirectory { get; init; }

    /// <summary>Threads used for reading and joining (default: all cores).</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>The authenticated principal the training set is exported for, recorded in the manifest (null: none needed).</summary>
    public string? Principal { get; init; }

    /// <summary>Why the training set is exported, recorded in the manifest.</summary>
    public string? Purpose { get; init; }

    /// <summary>Receives one line per finished phase with its duration (for --verbose output and benchmarks).</summary>
    public Action<string>? Progress { get; init; }

    internal bool IsAsOfCreated(FeatureStore.Registry.Model.FeatureViewDefinition view) =>
        AsOfCreated || (AsOfCreatedByView.TryGetValue(view.Name, out var on) ? on : view.AsOfCreated);
}
