using Confluent.Kafka;

namespace FeatureStore.Streaming.Kafka.Consuming;

/// <summary>
/// Messages consumed together, in consumption order. <see cref="Partitions"/>: per partition, the next offset to read once
/// the batch is durable and how many of its messages the batch holds.
/// </summary>
internal sealed class MicroBatch(IReadOnlyList<KafkaMessage> messages)
{
    public IReadOnlyList<KafkaMessage> Messages { get; } = messages;

    public IReadOnlyList<(TopicPartition Partition, Offset Next, int Messages)> Partitions { get; } = [.. messages
        .GroupBy(m => m.TopicPartition)
        .Select(g => (g.Key, new Offset(g.Max(m => m.Offset.Value) + 1), g.Count()))];
}
