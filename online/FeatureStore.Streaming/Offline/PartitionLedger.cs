using FeatureStore.Streaming.Resolution;
using FeatureStore.Streaming.Validation;

namespace FeatureStore.Streaming.Offline;

/// <summary>
/// What one (topic, partition) has appended to one source folder: the highest offset of its committed calls, learnt
/// from the file names on first use (<see cref="AppendRecovery"/>) and kept up to date by this process. Records at or
/// below it are not appended again, so a replay after a crash never duplicates a row. Push topics never skip: their
/// offsets are a per-process sequence, not a position in a durable log. One call at a time (callers lock the ledger).
/// </summary>
internal sealed class PartitionLedger(string baseDirectory, string topic, int partition)
{
    private long? highest;

    public int Append(SourcePlan plan, IReadOnlyList<ValidatedRecord> records, DateTimeOffset ingestedAt, CancellationToken ct)
    {
        var push = StreamFileName.IsPush(topic);
        highest ??= AppendRecovery.Recover(baseDirectory, topic, partition);
        var pending = push ? records : [.. records.Where(r => r.Position.Offset > highest).DistinctBy(r => r.Position.Offset)];
        if (pending.Count == 0)
            return 0;
        var first = pending.Min(r => r.Position.Offset);
        var last = pending.Max(r => r.Position.Offset);
        var name = StreamFileName.Format(topic, partition, first, last, push ? Guid.NewGuid().ToString("N") : null);
        CallFiles.Commit(baseDirectory, name, plan, pending, ingestedAt, ct);
        if (!push)
            highest = Math.Max(highest.Value, last);
        return pending.Count;
    }
}
