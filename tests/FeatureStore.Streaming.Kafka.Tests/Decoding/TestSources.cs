using FeatureStore.Registry.Model;

namespace FeatureStore.Streaming.Kafka.Tests.Decoding;

/// <summary>Definitions for decoder tests: source <c>trips</c> (timestamp column event_timestamp) read by view <c>live</c> keyed by driver_id.</summary>
internal static class TestSources
{
    public static readonly RecordPosition Position = new("trips", 0, 42);

    public static (DataSourceDefinition Source, RegistryDefinitions Definitions) Create(StreamMessageFormat format, string eventTimeField, Dictionary<string, string> mapping)
    {
        var stream = new KafkaStreamDefinition("127.0.0.1:9092", "trips", "g", format, eventTimeField, TimeSpan.FromSeconds(10), mapping);
        var source = new DataSourceDefinition("trips", "data/trips/", "event_timestamp", "ingested_at", Stream: new StreamDefinition(StreamKind.Kafka, stream));
        var view = new FeatureViewDefinition("live", ["driver"],
            [
                new FeatureDefinition("conv_rate", FeatureType.Float64), new FeatureDefinition("trips", FeatureType.Int64),
                new FeatureDefinition("city", FeatureType.String), new FeatureDefinition("weights", FeatureType.Float32List),
                new FeatureDefinition("seen_at", FeatureType.Timestamp), new FeatureDefinition("vip", FeatureType.Bool),
            ],
            "trips", "owner@example.com");
        var definitions = new RegistryDefinitions("p", [new EntityDefinition("driver", [new JoinKey("driver_id", FeatureType.Int64)])], [source], [view], []);
        return (source, definitions);
    }
}
