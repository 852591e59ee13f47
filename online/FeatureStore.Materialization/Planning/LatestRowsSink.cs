using FeatureStore.Materialization.Source;

namespace FeatureStore.Materialization.Planning;

/// <summary>
/// A scan sink that keeps only each entity's newest row so far, for views without quality rules (no row can be rejected
/// later, so an older row can never win): a row of a new entity is added, a newer row of a known entity replaces it in
/// place, an older one is dropped. The rows end as exactly the winners, ordinal i the i-th entity met; memory and work
/// grow with entities instead of with history.
/// </summary>
internal sealed class LatestRowsSink : IScanSink
{
    private readonly LatestPerEntity latest;

    public LatestRowsSink(ScannedRows rows)
    {
        Rows = rows;
        latest = new LatestPerEntity(rows, 1024);
    }

    public ScannedRows Rows { get; }

    public void AddSegment(ScannedSegment segment) => Rows.AddSegment(segment);

    public void Add(int row, long eventTicks, long createdTicks, ReadOnlySpan<byte> key, string? reason)
    {
        if (reason is not null)
            throw new InvalidOperationException("a view with quality rules cannot keep only the latest rows while reading");
        var hash = ScannedRows.StableHashOf(key);
        var winner = latest.Find(hash, key, out var slot);
        if (winner < 0)
        {
            Rows.AddKey(row, eventTicks, createdTicks, key, hash);
            latest.Insert(slot, hash, Rows.Count - 1);
        }
        else if (ScannedRows.IsNewer(eventTicks, createdTicks, Rows.EventTicks(winner), Rows.CreatedTicks(winner)))
        {
            Rows.Replace(winner, row, eventTicks, createdTicks);
        }
    }
}
