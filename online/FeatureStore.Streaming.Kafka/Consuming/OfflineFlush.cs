using Confluent.Kafka;

namespace FeatureStore.Streaming.Kafka.Consuming;

/// <summary>
/// One flush of a partition's buffer: the records to append offline, the dead-letter deliveries of its messages, the
/// offset to commit once both are durable, and how many messages that commit covers.
/// </summary>
internal sealed record OfflineFlush(TopicPartitionOffset Commit, OfflineBuffer Records, IReadOnlyList<Task> DeadLetters, long Messages);
