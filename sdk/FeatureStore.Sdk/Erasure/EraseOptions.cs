namespace FeatureStore.Sdk.Erasure;

/// <summary>How <see cref="FeatureStoreSession.EraseEntityAsync(IReadOnlyList{ErasureTarget}, EraseOptions?, CancellationToken)"/> runs.</summary>
public sealed record EraseOptions
{
    public static EraseOptions Default { get; } = new();

    /// <summary>Report what would change (views, online keys, files with row counts, training sets) and change nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Who the audit line names; null: <c>$FEATURESTORE_ACTOR</c>, else <c>user@host</c> (as apply).</summary>
    public string? Actor { get; init; }
}
