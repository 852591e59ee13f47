namespace FeatureStore.Offline;

/// <summary>
/// Written beside every training set (<c>OUTPUT.manifest.json</c>): what it was built from and what it holds, so it can be
/// reproduced, audited, or flagged when its inputs change (<see cref="ManifestVerifier"/>).
/// </summary>
public sealed record TrainingSetManifest
{
    public int FormatVersion { get; init; } = 1;

    public required DateTimeOffset CreatedAt { get; init; }

    public required string Project { get; init; }

    public required string RepoDir { get; init; }

    public required FileFingerprint Output { get; init; }

    public required long OutputRows { get; init; }

    public required FileFingerprint Spine { get; init; }

    public required long SpineRows { get; init; }

    public required ManifestParameters Parameters { get; init; }

    public required IReadOnlyList<ManifestFeature> Features { get; init; }

    public required IReadOnlyList<ManifestSource> Sources { get; init; }

    public required IReadOnlyList<ManifestSourceFile> SourceFiles { get; init; }

    /// <summary>Per output feature column: PRESENT / MISSING / OUTSIDE_TTL / NULL_VALUE counts.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> StatusCounts { get; init; }

    /// <summary>The authenticated principal that exported the training set; null when the export needed none.</summary>
    public string? Principal { get; init; }

    /// <summary>Why it was exported (required for personal or sensitive features); null when none was given.</summary>
    public string? Purpose { get; init; }

    /// <summary>True when personal and sensitive values were replaced by keyed hashes (see <see cref="ManifestFeature.Masked"/>).</summary>
    public bool Masked { get; init; }
}

/// <summary>The request as given (feature references or service, switches, timestamp column, budget).</summary>
public sealed record ManifestParameters(
    IReadOnlyList<string> Features,
    string? FeatureService,
    bool FullFeatureNames,
    bool AsOfCreated,
    IReadOnlyDictionary<string, bool> AsOfCreatedByView,
    bool StatusColumns,
    string TimestampColumn,
    long MemoryBudgetBytes);

/// <summary>
/// One output feature: its reference, the view's declared and registry versions, declared type, TTL and mode, its PII
/// class (none, personal, sensitive) and whether its values were written as keyed hashes instead (a string column).
/// </summary>
public sealed record ManifestFeature(
    string Reference,
    string Column,
    string View,
    int ViewVersion,
    long RegistryVersion,
    string Type,
    string? Ttl,
    bool AsOfCreated,
    string Pii = "none",
    bool Masked = false);

/// <summary>One view's source: the path it was read from (to notice files added later) and its timestamp columns.</summary>
public sealed record ManifestSource(string View, string DataSource, string Path, string TimestampField, string? CreatedTimestampField);

/// <summary>One file of a view's source with its fingerprint; <see cref="Read"/> is false for files pruned by partition or statistics.</summary>
public sealed record ManifestSourceFile(string View, bool Read, FileFingerprint File);
