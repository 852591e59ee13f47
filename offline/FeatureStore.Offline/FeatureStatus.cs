namespace FeatureStore.Offline;

/// <summary>Why a training-set cell holds what it holds (see docs/point-in-time.md).</summary>
public enum FeatureStatus : byte
{
    /// <summary>A row was found inside the TTL window and its value is not null.</summary>
    Present = 0,

    /// <summary>No row of the key has event_ts &lt;= t (and created_ts &lt;= t in as-known-at mode).</summary>
    Missing = 1,

    /// <summary>Rows exist but the latest one is older than t - TTL.</summary>
    OutsideTtl = 2,

    /// <summary>The winning row stores null for this feature.</summary>
    NullValue = 3,
}

public static class FeatureStatuses
{
    /// <summary>The spelling written to status columns and manifests: PRESENT, MISSING, OUTSIDE_TTL, NULL_VALUE.</summary>
    public static string Name(this FeatureStatus status) => status switch
    {
        FeatureStatus.Present => "PRESENT",
        FeatureStatus.Missing => "MISSING",
        FeatureStatus.OutsideTtl => "OUTSIDE_TTL",
        FeatureStatus.NullValue => "NULL_VALUE",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static IReadOnlyList<FeatureStatus> All { get; } = [FeatureStatus.Present, FeatureStatus.Missing, FeatureStatus.OutsideTtl, FeatureStatus.NullValue];
}
