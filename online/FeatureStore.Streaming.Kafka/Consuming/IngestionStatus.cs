using System.Collections.Concurrent;

namespace FeatureStore.Streaming.Kafka.Consuming;

/// <summary>Running totals of a worker, read by the CLI's status line. Thread-safe.</summary>
public sealed class IngestionStatus
{
    private readonly ConcurrentDictionary<(string Topic, int Partition), long> lag = new();
    private readonly ConcurrentDictionary<string, long> buffered = new(StringComparer.Ordinal);
    private long consumed;
    private long accepted;
    private long late;
    private long deadLettered;
    private long committed;

    /// <summary>
    /// A consistent-enough copy of the totals: messages consumed (written online or dead-lettered), records accepted and
    /// late, dead letters, messages committed (durable offline too, offsets committed), records written online still
    /// waiting for their offline append, lag over all partitions.
    /// </summary>
    public readonly record struct Snapshot(long Consumed, long Accepted, long Late, long DeadLettered, long Committed, long Buffered, long Lag);

    public Snapshot Read() => new(
        Interlocked.Read(ref consumed), Interlocked.Read(ref accepted), Interlocked.Read(ref late),
        Interlocked.Read(ref deadLettered), Interlocked.Read(ref committed), buffered.Values.Sum(), lag.Values.Sum());

    internal void AddBatch(int messages, int acceptedRecords, int lateRecords, int deadLetters)
    {
        Interlocked.Add(ref consumed, messages);
        Interlocked.Add(ref accepted, acceptedRecords);
        Interlocked.Add(ref late, lateRecords);
        Interlocked.Add(ref deadLettered, deadLetters);
    }

    internal void AddCommitted(long messages) => Interlocked.Add(ref committed, messages);

    internal void SetBuffered(string source, long rows) => buffered[source] = rows;

    internal void SetLag(string topic, int partition, long messages) => lag[(topic, partition)] = messages;

    internal void RemoveLag(string topic, int partition) => lag.TryRemove((topic, partition), out _);
}
