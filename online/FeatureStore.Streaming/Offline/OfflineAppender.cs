using System.Collections.Concurrent;
using FeatureStore.Streaming.Resolution;

namespace FeatureStore.Streaming.Offline;

/// <summary>
/// Appends buffered records to their source's Parquet history through the <see cref="PartitionLedger"/> of their
/// (topic, partition). Files go to <c>BASE/event_date=YYYY-MM-DD/</c> (see <see cref="StreamFileName"/>).
/// </summary>
internal sealed class OfflineAppender
{
    private readonly ConcurrentDictionary<(string Base, string Topic, int Partition), PartitionLedger> ledgers = new();

    /// <summary>Returns the rows appended (records already appended by an earlier call or run are left out).</summary>
    public int Append(SourcePlan plan, OfflineBuffer buffer, CancellationToken ct)
    {
        if (buffer.Count == 0)
            return 0;
        var ledger = ledgers.GetOrAdd((plan.BaseDirectory, buffer.Topic!, buffer.Partition), k => new PartitionLedger(k.Base, k.Topic, k.Partition));
        lock (ledger)
            return ledger.Append(plan, buffer, ct);
    }

    /// <summary>Forgets what is known of a partition of one source folder, so its next append looks at the files again.</summary>
    public void Forget(string baseDirectory, string topic, int partition) => ledgers.TryRemove((baseDirectory, topic, partition), out _);
}
