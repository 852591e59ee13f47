using FeatureStore.Streaming.Resolution;

namespace FeatureStore.Streaming.Offline;

/// <summary>
/// What one (topic, partition) has appended to one source folder: the highest offset of its committed appends, learnt
/// from the file names on first use (<see cref="AppendRecovery"/>) and kept up to date by this process. Records at or
/// below it are not appended again, so a replay after a crash never duplicates a row. Push topics never skip: their
/// offsets are a per-process sequence, not a position in a durable log. One append at a time (callers lock the ledger).
/// </summary>
internal sealed class PartitionLedger(string baseDirectory, string topic, int partition)
{
    private long? highest;

    public int Append(SourcePlan plan, OfflineBuffer buffer, CancellationToken ct)
    {
        var push = StreamFileName.IsPush(topic);
        highest ??= AppendRecovery.Recover(baseDirectory, topic, partition);
        var pending = push ? RowSet.Range(0, buffer.Count) : Pending(buffer, highest.Value);
        if (pending.Count == 0)
            return 0;
        long first = long.MaxValue, last = long.MinValue;
        for (var i = 0; i < pending.Count; i++)
        {
            var offset = buffer.OffsetAt(pending[i]);
            first = Math.Min(first, offset);
            last = Math.Max(last, offset);
        }

        var name = StreamFileName.Format(topic, partition, first, last, push ? Guid.NewGuid().ToString("N") : null);
        CallFiles.Commit(baseDirectory, name, plan, buffer, pending, ct);
        if (!push)
            highest = Math.Max(highest.Value, last);
        return pending.Count;
    }

    /// <summary>
    /// The rows above <paramref name="above"/>, the first of each offset, in buffer order. A buffer of increasing offsets
    /// (the Kafka worker's) gives one run.
    /// </summary>
    private static RowSet Pending(OfflineBuffer buffer, long above)
    {
        var increasing = true;
        var firstAbove = -1;
        var previous = long.MinValue;
        for (var row = 0; row < buffer.Count; row++)
        {
            var offset = buffer.OffsetAt(row);
            increasing &= offset > previous;
            previous = offset;
            if (firstAbove < 0 && offset > above)
                firstAbove = row;
        }

        if (increasing)
            return firstAbove < 0 ? RowSet.Range(0, 0) : RowSet.Range(firstAbove, buffer.Count - firstAbove);
        var seen = new HashSet<long>();
        var rows = new List<int>();
        for (var row = 0; row < buffer.Count; row++)
        {
            var offset = buffer.OffsetAt(row);
            if (offset > above && seen.Add(offset))
                rows.Add(row);
        }

        return RowSet.Of([.. rows]);
    }
}
