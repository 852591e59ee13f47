namespace FeatureStore.Registry.Storage;

/// <summary>
/// How far a view has been materialized: every row with event time ≤ <see cref="EventWatermark"/> and (when the source
/// has a created column) created time ≤ <see cref="CreatedWatermark"/> has reached the online store durably.
/// </summary>
public sealed record MaterializationWatermark(string View, DateTimeOffset EventWatermark, DateTimeOffset? CreatedWatermark, DateTimeOffset UpdatedAt);

public enum MaterializationRunStatus
{
    Running,
    Succeeded,
    Failed,

    /// <summary>Was running when its process died (found gone by a later run); <see cref="MaterializationRunRecord.Error"/> says why.</summary>
    Abandoned,
}

/// <summary>
/// What one materialization run did to one view (the counts are the run's totals so far while it is running).
/// <see cref="Host"/>, <see cref="ProcessId"/> and <see cref="HeartbeatAt"/> say who runs it and when it last reported,
/// so a later run can tell a dead "running" record from a live one.
/// </summary>
public sealed record MaterializationRunRecord(
    string RunId,
    string View,
    MaterializationRunStatus Status,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    long RowsRead,
    long RowsWritten,
    long RowsSkippedOlder,
    long RowsQuarantined,
    long RowsWarned,
    DateTimeOffset? NewestEventWritten,
    string? Error = null,
    string? Host = null,
    int? ProcessId = null,
    DateTimeOffset? HeartbeatAt = null);
