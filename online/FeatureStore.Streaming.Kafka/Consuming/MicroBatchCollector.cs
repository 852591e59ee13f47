using System.Diagnostics;
using Confluent.Kafka;

namespace FeatureStore.Streaming.Kafka.Consuming;

/// <summary>
/// Consumes one micro-batch: waits for a first message, then takes every message the consumer already fetched, waiting for
/// more only while <c>window</c> since the first has not passed, up to <c>batchSize</c> messages. Under load the batch is
/// what arrived while the previous one was written; a quiet stream pays at most the window. A stop request closes the
/// batch early (what was consumed is still processed).
/// </summary>
internal sealed class MicroBatchCollector(IConsumer<byte[]?, byte[]?> consumer, int batchSize, TimeSpan window, Reporter reporter)
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(100);

    private List<KafkaMessage> messages = [];

    public MicroBatch Collect(CancellationToken stop)
    {
        messages = [];
        long firstAt = 0;
        while (messages.Count < batchSize && !stop.IsCancellationRequested)
        {
            var remaining = messages.Count == 0 ? IdlePoll : window - Stopwatch.GetElapsedTime(firstAt);
            KafkaMessage? message;
            try
            {
                message = consumer.Consume(remaining <= TimeSpan.Zero ? TimeSpan.Zero : remaining < IdlePoll ? remaining : IdlePoll);
            }
            catch (ConsumeException e) when (!e.Error.IsFatal)
            {
                reporter.Trouble($"consuming failed ({Retry.OneLine(e.Error.Reason)}); retrying");
                continue;
            }

            if (message is null)
            {
                if (messages.Count == 0 || remaining <= TimeSpan.Zero)
                {
                    break;
                }

                continue;
            }

            if (messages.Count == 0)
            {
                firstAt = Stopwatch.GetTimestamp();
            }

            messages.Add(message);
        }

        return new MicroBatch(messages);
    }

    /// <summary>
    /// Drops the messages of the batch being collected that belong to <paramref name="partitions"/>: a rebalance took them
    /// away during a Consume call, and their next owner reads them again from the committed offset.
    /// </summary>
    public void Discard(IReadOnlyCollection<TopicPartition> partitions) => messages.RemoveAll(m => partitions.Contains(m.TopicPartition));
}
