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

    /// <summary>
    /// The API key (<c>fsk_...</c>) that authenticates the caller when the export needs a principal: personal or
    /// sensitive features, or a repo with <c>auth: {required: true}</c>. Null: the environment variable
    /// <c>FEATURESTORE_API_KEY</c> (unless <see cref="ApiKeyFromEnvironment"/> is false). Never logged or echoed.
    /// </summary>
    public string? ApiKey { get; init; }

    /// <summary>Read <c>FEATURESTORE_API_KEY</c> when <see cref="ApiKey"/> is null (false for servers acting for remote callers).</summary>
    public bool ApiKeyFromEnvironment { get; init; } = true;

    /// <summary>When set, the API key must authenticate exactly this principal (the CLI's <c>--principal</c>).</summary>
    public string? Principal { get; init; }

    /// <summary>Why the training set is exported: required (non-empty) for personal or sensitive features; recorded in the manifest and the audit log.</summary>
    public string? Purpose { get; init; }

    /// <summary>
    /// Replace personal and sensitive values by a keyed hash (HMAC-SHA256, lowercase hex of the first 16 bytes, as a string
    /// column; nulls stay null), so equal values still join while raw values never reach the output.
    /// </summary>
    public bool Mask { get; init; }

    /// <summary>The masking key (at least 32 characters); null: the environment variable <c>FEATURESTORE_MASK_KEY</c>. Use the same key for exports that must join.</summary>
    public string? MaskKey { get; init; }

    /// <summary>How the audit line names where an in-memory export went (e.g. <c>flight:TICKET</c>); files are named by their path.</summary>
    public string? ExportDestination { get; init; }
}
