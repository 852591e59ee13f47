using System.Diagnostics;
using Confluent.Kafka;

namespace FeatureStore.Streaming.Kafka.Consuming;

/// <summary>
/// What one partition has written online but not yet made durable offline: its accepted records in offset order, the
/// dead-letter deliveries of its messages, and the next offset to commit once they are. Also the partition's flush in
/// flight, if any (at most one, so commits stay in offset order). Used from the consume loop only.
/// </summary>
internal sealed class PartitionBuffer(TopicPartition partition)
{
    private OfflineBuffer records = new();
    private List<Task> deadLetters = [];
    private Offset? next;
    private long messages;
    private long oldestAt;

    public TopicPartition Partition { get; } = partition;

    public int Rows => records.Count;

    /// <summary>True when some consumed message of the partition is not yet flushed (an accepted record or only a dead letter).</summary>
    public bool HasPending => next is not null;

    /// <summary>The partition's flush in flight, with the flush it runs; null when none.</summary>
    public (Task Task, OfflineFlush Flush)? InFlight { get; set; }

    public void Add(IEnumerable<AcceptedRecord> accepted, Task? deadLettersSent, Offset nextOffset, int messageCount)
    {
        if (next is null)
        {
            oldestAt = Stopwatch.GetTimestamp();
        }

        records.AddRange(accepted);
        if (deadLettersSent is not null)
        {
            deadLetters.Add(deadLettersSent);
        }

        next = nextOffset;
        messages += messageCount;
    }

    /// <summary>True when nothing of the partition is in flight and its buffer reached <paramref name="rows"/> records or its oldest content is <paramref name="interval"/> old.</summary>
    public bool IsDue(int rows, TimeSpan interval) =>
        next is not null && InFlight is null && (records.Count >= rows || Stopwatch.GetElapsedTime(oldestAt) >= interval);

    /// <summary>Empties the buffer into a flush.</summary>
    public OfflineFlush Take()
    {
        var flush = new OfflineFlush(new TopicPartitionOffset(Partition, next ?? throw new InvalidOperationException("nothing to flush")), records, deadLetters, messages);
        records = new OfflineBuffer();
        deadLetters = [];
        next = null;
        messages = 0;
        return flush;
    }
}
