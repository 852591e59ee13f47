using FeatureStore.Registry.Model;
using FeatureStore.Registry.Tests.Yaml;
using FeatureStore.Registry.Validation;
using FeatureStore.Sdk.Definitions;

namespace FeatureStore.Sdk.Tests.Definitions;

/// <summary><see cref="FeatureRepository.KafkaSource"/> and <see cref="FeatureRepository.PushSource"/>: the same definitions as YAML stream blocks.</summary>
public sealed class StreamSourceBuilderTests
{
    private const string Yaml = """
        entities:
          - name: driver
            join_keys: [{name: driver_id, type: int64}]
        data_sources:
          - name: driver_trips
            path: data/driver_trips/
            timestamp_field: event_timestamp
            created_timestamp_field: ingested_at
            owner: rides@example.com
            stream:
              kind: kafka
              bootstrap_servers: broker:9092
              topic: driver_trips
              consumer_group: featurestore-driver-trips
              format: protobuf
              event_time_field: "3"
              allowed_lateness: 1m
              field_mapping: {1: driver_id, 2: trips}
              dead_letter_topic: driver_trips.rejected
          - name: app_events
            path: data/app_events/**/*.parquet
            timestamp_field: event_timestamp
            created_timestamp_field: ingested_at
            stream: {kind: push}
        feature_views:
          - name: driver_trip_counts
            entities: [driver]
            source: driver_trips
            owner: rides-ml@example.com
            features: [{name: trips, type: int64}]

        """;

    private static RegistryDefinitions BuildInCode()
    {
        var repo = new FeatureRepository("rides");
        var driver = repo.Entity("driver", e => e.JoinKey("driver_id", FeatureType.Int64));
        var trips = repo.KafkaSource("driver_trips", "data/driver_trips/", "event_timestamp", createdTimestampField: "ingested_at",
            kafka => kafka
                .BootstrapServers("broker:9092").Topic("driver_trips").ConsumerGroup("featurestore-driver-trips")
                .Protobuf().EventTimeField("3").AllowedLateness(TimeSpan.FromMinutes(1))
                .MapField("2", "trips").MapField("1", "driver_id")
                .DeadLetterTopic("driver_trips.rejected"),
            s => s.Owner("rides@example.com"));
        repo.PushSource("app_events", "data/app_events/**/*.parquet", "event_timestamp", createdTimestampField: "ingested_at");
        repo.FeatureView("driver_trip_counts", v => v.Entities(driver).Source(trips).Owner("rides-ml@example.com").Feature("trips", FeatureType.Int64));
        return repo.Build();
    }

    [Fact]
    public void Kafka_and_push_sources_in_code_serialize_like_their_yaml()
    {
        using var repo = new TempRepo("rides").Write("repo.yaml", Yaml);

        var fromYaml = RegistryJson.Serialize(repo.Load().Definitions);

        Assert.Equal(fromYaml, RegistryJson.Serialize(BuildInCode()));
        Assert.Contains("\"stream\":{\"kind\":\"push\"}", fromYaml, StringComparison.Ordinal);
        Assert.Contains("\"format\":\"protobuf\"", fromYaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Kafka_source_defaults_to_json_ten_seconds_and_topic_dlq()
    {
        var repo = new FeatureRepository("rides");

        var source = repo.KafkaSource("trips", "data/trips/", "event_ts", "ingested_at",
            kafka => kafka.BootstrapServers("b:9092").Topic("trips").ConsumerGroup("g").EventTimeField("ts"));

        var kafka = source.Stream!.Kafka!;
        Assert.Equal((StreamKind.Kafka, StreamMessageFormat.Json, TimeSpan.FromSeconds(10), "trips.dlq"),
            (source.Stream.Kind, kafka.Format, kafka.AllowedLateness, kafka.EffectiveDeadLetterTopic));
        Assert.Equal("ingested_at", source.CreatedTimestampField);
        Assert.Empty(repo.Build().FeatureViews);
    }

    [Fact]
    public void Missing_kafka_settings_and_a_single_file_path_are_reported_by_build()
    {
        var repo = new FeatureRepository("rides");
        repo.KafkaSource("trips", "data/trips.parquet", "event_ts", "ingested_at", kafka => kafka.BootstrapServers("b:9092").Protobuf().EventTimeField("ts"));

        var exception = Assert.Throws<DefinitionException>(repo.Build);

        Assert.Equal(
            [
                "data source 'trips', field 'path'",
                "data source 'trips', field 'stream.topic'",
                "data source 'trips', field 'stream.consumer_group'",
                "data source 'trips', field 'stream.event_time_field'",
            ],
            exception.Problems.Select(p => p.Location));
    }

    [Fact]
    public void Push_source_is_a_stream_without_kafka_settings()
    {
        var source = new FeatureRepository("rides").PushSource("events", "data/events/", "event_ts", "ingested_at", s => s.Description("App events"));

        Assert.Equal(new StreamDefinition(StreamKind.Push), source.Stream);
        Assert.Equal(("ingested_at", "App events"), (source.CreatedTimestampField, source.Description));
    }
}
