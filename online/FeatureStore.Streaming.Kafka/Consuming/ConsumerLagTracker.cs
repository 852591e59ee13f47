using Confluent.Kafka;

namespace FeatureStore.Streaming.Kafka.Consuming;

/// <summary>
/// Consumer lag per owned partition: the partition's high watermark (as last seen by the consumer's fetches) minus the
/// consumer's position, into the status and the <c>featurestore_ingest_consumer_lag</c> gauge.
/// </summary>
internal sealed class ConsumerLagTracker(IConsumer<byte[]?, byte[]?> consumer, IngestionStatus status, IngestionMetrics? metrics)
{
    public void Update()
    {
        foreach (var partition in consumer.Assignment)
        {
            var high = consumer.GetWatermarkOffsets(partition).High;
            var position = consumer.Position(partition);
            if (high == Offset.Unset || position == Offset.Unset)
            {
                continue;
            }

            var lag = Math.Max(0, high.Value - position.Value);
            status.SetLag(partition.Topic, partition.Partition.Value, lag);
            metrics?.SetConsumerLag(partition.Topic, partition.Partition.Value, lag);
        }
    }

    public void Forget(IEnumerable<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            status.RemoveLag(partition.Topic, partition.Partition.Value);
            metrics?.RemovePartition(partition.Topic, partition.Partition.Value);
        }
    }
}
