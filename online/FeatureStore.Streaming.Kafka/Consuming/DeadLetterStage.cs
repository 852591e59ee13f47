using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace FeatureStore.Streaming.Kafka.Consuming;

/// <summary>
/// Sends dead letters to the source's dead-letter topic: the original key, value and timestamp, with headers
/// <c>reason</c>, <c>source_topic</c>, <c>source_partition</c>, <c>source_offset</c>, <c>data_source</c> and (when the
/// record failed for one view) <c>view</c>. Returns once the broker acknowledged every one, retrying failed deliveries,
/// so the caller may then commit the offsets.
/// </summary>
internal sealed class DeadLetterStage(IProducer<byte[]?, byte[]?> producer, KafkaSource source, Reporter reporter, TimeSpan maxBackoff, IngestionMetrics? metrics)
{
    public string Topic => source.Stream.EffectiveDeadLetterTopic;

    public async Task SendAsync(IReadOnlyList<DeadLetter> letters, CancellationToken stop)
    {
        var pending = letters;
        var backoff = new Backoff(maxBackoff);
        while (pending.Count > 0)
        {
            var deliveries = pending.Select(letter => (letter, task: producer.ProduceAsync(Topic, ToMessage(letter), CancellationToken.None))).ToList();
            var failed = new List<DeadLetter>();
            Exception? last = null;
            foreach (var (letter, task) in deliveries)
            {
                try
                {
                    await task.ConfigureAwait(false);
                    metrics?.RecordDeadLettered(source.Name, letter.View);
                }
                catch (ProduceException<byte[]?, byte[]?> e)
                {
                    failed.Add(letter);
                    last = e;
                }
            }

            if (failed.Count == 0)
            {
                reporter.Recovered();
                return;
            }

            reporter.Trouble($"delivering {failed.Count} dead letter(s) to '{Topic}' failed ({Retry.OneLine(last!.Message)}); retrying with backoff");
            await Task.Delay(backoff.Next(), stop).ConfigureAwait(false);
            pending = failed;
        }
    }

    private Message<byte[]?, byte[]?> ToMessage(DeadLetter letter)
    {
        var original = letter.Message;
        var headers = new Headers
        {
            { "reason", Encoding.UTF8.GetBytes(letter.Reason) },
            { "source_topic", Encoding.UTF8.GetBytes(original.Topic) },
            { "source_partition", Encoding.UTF8.GetBytes(original.Partition.Value.ToString(CultureInfo.InvariantCulture)) },
            { "source_offset", Encoding.UTF8.GetBytes(original.Offset.Value.ToString(CultureInfo.InvariantCulture)) },
            { "data_source", Encoding.UTF8.GetBytes(source.Name) },
        };
        if (letter.View is { } view)
        {
            headers.Add("view", Encoding.UTF8.GetBytes(view));
        }

        return new Message<byte[]?, byte[]?>
        {
            Key = original.Message.Key,
            Value = original.Message.Value,
            Timestamp = original.Message.Timestamp.Type == TimestampType.NotAvailable ? Timestamp.Default : new Timestamp(original.Message.Timestamp.UnixTimestampMs, TimestampType.CreateTime),
            Headers = headers,
        };
    }
}
