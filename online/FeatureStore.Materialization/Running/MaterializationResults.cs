using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Materialization.Running;

/// <summary>What a run did to one view. <see cref="Error"/> is set when the view stopped early (quality fail, store down).</summary>
public sealed record ViewMaterializationResult(
    string View,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    long RowsRead,
    long RowsWritten,
    long RowsSkippedOlder,
    long RowsQuarantined,
    long RowsWarned,
    TimeSpan Duration,
    DateTimeOffset? NewestEventWritten,
    string? QuarantineFile,
    QualityPolicy? Policy,
    string? Error)
{
    public bool Succeeded => Error is null;

    internal MaterializationRunRecord ToRecord(string runId, DateTimeOffset startedAt, MaterializationRunStatus status) => new(
        runId, View, status, startedAt, Duration, WindowStart, WindowEnd, RowsRead, RowsWritten, RowsSkippedOlder, RowsQuarantined, RowsWarned,
        NewestEventWritten, Error);
}

/// <summary>A whole run: its id and one result per view, in the order the views ran.</summary>
public sealed record MaterializationSummary(string RunId, IReadOnlyList<ViewMaterializationResult> Views)
{
    public bool Succeeded => Views.All(v => v.Succeeded);
}
