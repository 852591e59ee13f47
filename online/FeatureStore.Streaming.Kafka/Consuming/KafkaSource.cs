using FeatureStore.Registry.Model;

namespace FeatureStore.Streaming.Kafka.Consuming;

/// <summary>A Kafka-streamed data source the worker reads, and the views it writes (null: every online view of the source).</summary>
internal sealed record KafkaSource(DataSourceDefinition Source, KafkaStreamDefinition Stream, IReadOnlyCollection<string>? Views)
{
    public string Name => Source.Name;
}
