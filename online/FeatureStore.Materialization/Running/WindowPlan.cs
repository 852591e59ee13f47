using FeatureStore.Materialization.Source;

namespace FeatureStore.Materialization.Running;

/// <summary>
/// A view's whole window, planned: the latest good row per entity (ordinals into <see cref="Rows"/>) split into
/// <see cref="Partitions"/> by a stable hash of the entity key, the rows the quality gate rejected (with reasons), and,
/// under policy fail, the first failing gate bucket (nothing with event time from <see cref="FailCutTicks"/> on is planned).
/// </summary>
internal sealed record WindowPlan(
    int RowsRead,
    ScannedRows Rows,
    IReadOnlyList<int>[] Partitions,
    IReadOnlyList<(SourceRow Row, string Reason)> Bad,
    long? FailCutTicks,
    IReadOnlyList<(SourceRow Row, string Reason)> FailBucketBad)
{
    public long Winners => Partitions.Sum(p => (long)p.Count);
}
