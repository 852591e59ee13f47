namespace FeatureStore.Sdk;

/// <summary>How far <see cref="FeatureStoreSession.PlanAsync"/> and <see cref="FeatureStoreSession.ApplyAsync"/> may go.</summary>
public sealed record ApplyOptions
{
    public static ApplyOptions Default { get; } = new();

    /// <summary>Apply breaking changes without a version bump (consumers of the changed objects may break).</summary>
    public bool AllowBreaking { get; init; }

    /// <summary>Remove registry objects the definitions no longer declare (otherwise they are kept and listed in the plan).</summary>
    public bool DeleteMissing { get; init; }

    /// <summary>Who the apply is recorded as; null: <c>$FEATURESTORE_ACTOR</c>, else <c>user@host</c>.</summary>
    public string? Actor { get; init; }

    internal string EffectiveActor => Actor is { Length: > 0 } actor ? actor
        : Environment.GetEnvironmentVariable("FEATURESTORE_ACTOR") is { Length: > 0 } fromEnvironment ? fromEnvironment
        : $"{Environment.UserName}@{Environment.MachineName}";
}
