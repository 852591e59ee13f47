namespace FeatureStore.Streaming;

/// <summary>
/// Where a record came from: a Kafka topic, partition and offset, or for pushed rows the topic
/// <c>push:&lt;data source&gt;</c>, partition 0 and a per-call sequence. Watermarks are kept per (topic, partition) and
/// offline appends are named by it.
/// </summary>
public readonly record struct RecordPosition(string Topic, int Partition, long Offset)
{
    public override string ToString() => $"{Topic}[{Partition}]@{Offset}";
}
