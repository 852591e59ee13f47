using FeatureStore.Materialization.Source;

namespace FeatureStore.Materialization.Running;

/// <summary>
/// One chunk of a view's run: the rows whose event time falls in [<see cref="StartTicks"/>, <see cref="EndTicks"/>],
/// the latest good row per entity to write (ordinals into <see cref="Rows"/>), and the rows the quality gate rejected (with reasons).
/// </summary>
internal sealed record ChunkPlan(
    long StartTicks,
    long EndTicks,
    int RowsRead,
    ScannedRows Rows,
    IReadOnlyList<int> Winners,
    IReadOnlyList<(SourceRow Row, string Reason)> Bad)
{
    public DateTimeOffset Start => new(StartTicks, TimeSpan.Zero);

    public DateTimeOffset End => new(EndTicks, TimeSpan.Zero);
}
