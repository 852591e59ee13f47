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
    private const int SlotLookAhead = 16;
    private const int RecordLookAhead = 8;

    private readonly LatestPerEntity latest;
    private readonly int maxEntities;

    /// <param name="maxEntities">Entities the sink may keep; one more throws <see cref="EntitiesAboveBudgetException"/>.</param>
    public LatestRowsSink(ScannedRows rows, int maxEntities = int.MaxValue)
    {
        Rows = rows;
        this.maxEntities = maxEntities;
        latest = new LatestPerEntity(rows, 1024);
    }

    public ScannedRows Rows { get; }

    public void AddSegment(ScannedSegment segment) => Rows.AddSegment(segment);

    public void Add(ScanBatch batch)
    {
        if (batch.HasReasons)
            throw new InvalidOperationException("a view with quality rules cannot keep only the latest rows while reading");
        var rows = batch.Rows;
        var eventTicks = batch.EventTicks;
        var createdTicks = batch.CreatedTicks;
        var hashes = batch.Hashes;
        for (var i = 0; i < rows.Length; i++)
        {
            // Keying is bound by cache misses: the slot of a row some way ahead is fetched now, and once it has
            // arrived, that slot's winner record.
            if (i + SlotLookAhead < hashes.Length)
                latest.Prefetch(hashes[i + SlotLookAhead]);
            if (i + RecordLookAhead < hashes.Length)
                Rows.Prefetch(latest.FirstCandidate(hashes[i + RecordLookAhead]));
            var hash = hashes[i];
            var winner = latest.Find(hash, batch.Key(i), out var slot);
            if (winner < 0)
            {
                if (Rows.Count >= maxEntities)
                    throw new EntitiesAboveBudgetException(maxEntities);
                Rows.AddKey(rows[i], eventTicks[i], createdTicks[i], batch.Key(i), hash);
                latest.Insert(slot, hash, Rows.Count - 1);
            }
            else
            {
                Rows.ReplaceIfNewer(winner, rows[i], eventTicks[i], createdTicks[i]);
            }
        }
    }
}
