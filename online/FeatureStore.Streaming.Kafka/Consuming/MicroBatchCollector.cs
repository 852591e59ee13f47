using System.Diagnostics;
using Confluent.Kafka;

namespace FeatureStore.Streaming.Kafka.Consuming;

/// <summary>
/// Consumes one micro-batch: up to a number of messages, or what arrived within a window after its first message. A stop
/// request closes the batch early (what was consumed is still processed and committed).
/// </summary>
internal sealed class MicroBatchCollector(IConsumer<byte[]?, byte[]?> consumer, int batchSize, TimeSpan window, Reporter reporter)
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(100);

    public MicroBatch Collect(CancellationToken stop)
    {
        var messages = new List<KafkaMessage>();
        Stopwatch? sinceFirst = null;
        while (messages.Count < batchSize && !stop.IsCancellationRequested)
        {
            var wait = sinceFirst is null ? IdlePoll : window - sinceFirst.Elapsed;
            if (wait <= TimeSpan.Zero)
            {
                break;
            }

            KafkaMessage? message;
            try
            {
                message = consumer.Consume(wait < IdlePoll ? wait : IdlePoll);
            }
            catch (ConsumeException e) when (!e.Error.IsFatal)
            {
                reporter.Trouble($"consuming failed ({Retry.OneLine(e.Error.Reason)}); retrying");
                continue;
            }

            if (message is null)
            {
                if (sinceFirst is null)
                {
                    return new MicroBatch(messages);
                }

                continue;
            }

            messages.Add(message);
            sinceFirst ??= Stopwatch.StartNew();
        }

        return new MicroBatch(messages);
    }
}
