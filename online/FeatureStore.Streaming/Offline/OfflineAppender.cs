using System.Collections.Concurrent;
using FeatureStore.Streaming.Resolution;
using FeatureStore.Streaming.Validation;

namespace FeatureStore.Streaming.Offline;

/// <summary>
/// Appends accepted records to their source's Parquet history, per (topic, partition) through its
/// <see cref="PartitionLedger"/>. Files go to <c>BASE/event_date=YYYY-MM-DD/</c> (see <see cref="StreamFileName"/>).
/// </summary>
internal sealed class OfflineAppender
{
    private readonly ConcurrentDictionary<(string Base, string Topic, int Partition), PartitionLedger> ledgers = new();

    /// <summary>Returns the rows appended (records already appended by an earlier call or run are left out).</summary>
    public int Append(SourcePlan plan, IReadOnlyList<ValidatedRecord> records, DateTimeOffset ingestedAt, CancellationToken ct)
    {
        var appended = 0;
        foreach (var group in records.GroupBy(r => (r.Position.Topic, r.Position.Partition)))
        {
            var key = (plan.BaseDirectory, group.Key.Topic, group.Key.Partition);
            var ledger = ledgers.GetOrAdd(key, k => new PartitionLedger(k.Base, k.Topic, k.Partition));
            lock (ledger)
                appended += ledger.Append(plan, [.. group], ingestedAt, ct);
        }

        return appended;
    }

    /// <summary>Forgets what is known of a partition, so its next call looks at the files again.</summary>
    public void Forget(string topic, int partition)
    {
        foreach (var key in ledgers.Keys)
        {
            if (key.Topic == topic && key.Partition == partition)
                ledgers.TryRemove(key, out _);
        }
    }
}
