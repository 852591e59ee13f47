using System.Diagnostics;
using Confluent.Kafka;

namespace FeatureStore.Streaming.Kafka.Consuming;

/// <summary>
/// Commits the offsets of flushes whose records are durable (written online, appended offline, dead letters acknowledged).
/// A failed commit never blocks the consume loop: the flushes stay pending and are committed on a later call once the
/// backoff has passed, because the loop must keep polling for the consumer to heartbeat, rejoin its group after losing
/// its membership (unknown member, stale generation) and be handed its partitions again. Pending offsets of partitions
/// the consumer gives up are forgotten: their next owner reads those records again, and the writes are idempotent.
/// Called from the consume loop only.
/// </summary>
internal sealed class CommitStage(IConsumer<byte[]?, byte[]?> consumer, Reporter reporter, TimeSpan maxBackoff)
{
    private readonly List<OfflineFlush> pending = [];
    private readonly Backoff backoff = new(maxBackoff);
    private long retryAt;

    /// <summary>
    /// Queues <paramref name="flushes"/> and commits every pending flush of an owned partition, unless the last failure's
    /// backoff is still running and <paramref name="now"/> is false. Returns how many messages became committed.
    /// </summary>
    public long Commit(IEnumerable<OfflineFlush> flushes, bool now = false)
    {
        pending.AddRange(flushes);
        if (pending.Count == 0 || (!now && Stopwatch.GetTimestamp() < retryAt))
        {
            return 0;
        }

        var owned = consumer.Assignment.ToHashSet();
        var due = pending.Where(f => owned.Contains(f.Commit.TopicPartition)).ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        // Flushes of a partition complete in offset order, so its highest offset covers all of them.
        var offsets = due.GroupBy(f => f.Commit.TopicPartition)
            .Select(g => new TopicPartitionOffset(g.Key, g.Max(f => f.Commit.Offset.Value)))
            .ToList();
        try
        {
            consumer.Commit(offsets);
        }
        catch (KafkaException e) when (!e.Error.IsFatal)
        {
            var wait = backoff.Next();
            retryAt = Stopwatch.GetTimestamp() + (long)(wait.TotalSeconds * Stopwatch.Frequency);
            reporter.Trouble(IsMembershipLost(e.Error.Code)
                ? $"committing offsets failed ({Retry.OneLine(e.Error.Reason)}); the consumer rejoins its group and commits after that"
                : $"committing offsets failed ({Retry.OneLine(e.Error.Reason)}); retrying with backoff");
            return 0;
        }

        pending.RemoveAll(due.Contains);
        backoff.Reset();
        retryAt = 0;
        reporter.Recovered();
        return due.Sum(f => f.Messages);
    }

    /// <summary>Drops the pending offsets of partitions the consumer gave up or was handed anew.</summary>
    public void Forget(IReadOnlyCollection<TopicPartition> partitions) => pending.RemoveAll(f => partitions.Contains(f.Commit.TopicPartition));

    private static bool IsMembershipLost(ErrorCode code) =>
        code is ErrorCode.UnknownMemberId or ErrorCode.IllegalGeneration or ErrorCode.RebalanceInProgress or ErrorCode.FencedInstanceId;
}
