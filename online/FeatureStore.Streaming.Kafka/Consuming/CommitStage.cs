using Confluent.Kafka;

namespace FeatureStore.Streaming.Kafka.Consuming;

/// <summary>
/// Commits offsets whose records are durable (written online, appended offline, dead letters acknowledged), retrying
/// while the brokers are unreachable. Offsets of partitions the consumer no longer owns (a rebalance moved them) are not
/// committed: their new owner reads those records again, and the writes are idempotent.
/// </summary>
internal sealed class CommitStage(IConsumer<byte[]?, byte[]?> consumer, Reporter reporter, TimeSpan maxBackoff)
{
    public async Task CommitAsync(IReadOnlyList<TopicPartitionOffset> commits, CancellationToken stop)
    {
        var backoff = new Backoff(maxBackoff);
        while (true)
        {
            var owned = consumer.Assignment.ToHashSet();
            var offsets = commits.Where(o => owned.Contains(o.TopicPartition)).ToList();
            if (offsets.Count == 0)
            {
                return;
            }

            try
            {
                consumer.Commit(offsets);
                reporter.Recovered();
                return;
            }
            catch (KafkaException e) when (!e.Error.IsFatal)
            {
                reporter.Trouble($"committing offsets failed ({Retry.OneLine(e.Error.Reason)}); retrying with backoff");
                await Task.Delay(backoff.Next(), stop).ConfigureAwait(false);
            }
        }
    }
}
