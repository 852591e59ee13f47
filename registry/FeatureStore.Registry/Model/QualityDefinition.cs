namespace FeatureStore.Registry.Model;

/// <summary>What the materializer does with rows that break a view's quality rules.</summary>
public enum QualityPolicy
{
    /// <summary>Stop the view's run; nothing of the failing chunk is written.</summary>
    Fail,

    /// <summary>Write bad rows to a quarantine Parquet file with the reason; they never reach the online store.</summary>
    Quarantine,

    /// <summary>Write every row and count the bad ones.</summary>
    Warn,
}

/// <summary>
/// A rule on one feature of a view. <see cref="Min"/>/<see cref="Max"/> (inclusive) fit numeric features;
/// <see cref="Allowed"/> fits string, int32, int64 and bool features (values compared as their invariant text).
/// </summary>
public sealed record QualityRule(
    string Feature,
    bool NotNull = false,
    double? Min = null,
    double? Max = null,
    IReadOnlyList<string>? Allowed = null);

/// <summary>
/// The data-quality gate of a view: per-feature rules, the maximum share of nulls allowed in any feature of a chunk,
/// and the policy applied to rows that fail.
/// </summary>
public sealed record QualityDefinition(
    QualityPolicy Policy,
    IReadOnlyList<QualityRule> Rules,
    double? MaxNullFraction = null);
