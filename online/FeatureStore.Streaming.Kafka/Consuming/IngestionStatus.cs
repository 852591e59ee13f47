using System.Collections.Concurrent;

namespace FeatureStore.Streaming.Kafka.Consuming;

/// <summary>Running totals of a worker, read by the CLI's status line. Thread-safe.</summary>
public sealed class IngestionStatus
{
    private readonly ConcurrentDictionary<(string Topic, int Partition), long> lag = new();
    private long consumed;
    private long accepted;
    private long late;
    private long deadLettered;
    private long committedBatches;

    /// <summary>A consistent-enough copy of the totals: messages consumed, records accepted and late, dead letters, batches committed, lag over all partitions.</summary>
    public readonly record struct Snapshot(long Consumed, long Accepted, long Late, long DeadLettered, long CommittedBatches, long Lag);

    public Snapshot Read() => new(
        Interlocked.Read(ref consumed), Interlocked.Read(ref accepted), Interlocked.Read(ref late),
        Interlocked.Read(ref deadLettered), Interlocked.Read(ref committedBatches), lag.Values.Sum());

    internal void AddBatch(int messages, int acceptedRecords, int lateRecords, int deadLetters)
    {
        Interlocked.Add(ref consumed, messages);
        Interlocked.Add(ref accepted, acceptedRecords);
        Interlocked.Add(ref late, lateRecords);
        Interlocked.Add(ref deadLettered, deadLetters);
        Interlocked.Increment(ref committedBatches);
    }

    internal void SetLag(string topic, int partition, long messages) => lag[(topic, partition)] = messages;

    internal void RemoveLag(string topic, int partition) => lag.TryRemove((topic, partition), out _);
}
