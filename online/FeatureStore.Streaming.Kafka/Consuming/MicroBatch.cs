using Confluent.Kafka;

namespace FeatureStore.Streaming.Kafka.Consuming;

/// <summary>Messages consumed together, in consumption order; <see cref="CommitOffsets"/> are the next offsets to read per partition.</summary>
internal sealed class MicroBatch(IReadOnlyList<KafkaMessage> messages)
{
    public IReadOnlyList<KafkaMessage> Messages { get; } = messages;

    public IReadOnlyList<TopicPartitionOffset> CommitOffsets { get; } = [.. messages
        .GroupBy(m => m.TopicPartition)
        .Select(g => new TopicPartitionOffset(g.Key, new Offset(g.Max(m => m.Offset.Value) + 1)))];
}
