using FeatureStore.Registry.Model;
using FeatureStore.Registry.Planning;
using FeatureStore.Registry.Storage;
using static FeatureStore.Registry.Tests.Planning.SampleRepo;

namespace FeatureStore.Registry.Tests.Planning;

/// <summary>A source's stream block in plans and canonical JSON: diffed field by field, never breaking, absent when unset.</summary>
public sealed class StreamPlanTests
{
    private static readonly KafkaStreamDefinition Kafka = new(
        "broker:9092",
        "driver_trips",
        "featurestore-driver-trips",
        StreamMessageFormat.Json,
        "ts",
        TimeSpan.FromSeconds(10),
        new Dictionary<string, string> { ["drv"] = "driver_id", ["acc"] = "acc_rate" });

    private static readonly DataSourceDefinition Streamed = DriverHourly with { Stream = new StreamDefinition(StreamKind.Kafka, Kafka) };

    private static ObjectPlan PlanSource(DataSourceDefinition current, DataSourceDefinition desired)
    {
        var plan = RegistryPlanner.Plan(Definitions.WithSource(desired), StateOf(Definitions.WithSource(current)), new PlanOptions());
        Assert.Empty(plan.BlockingBreakingChanges);
        var change = Assert.Single(plan.Changes);
        Assert.Equal((ObjectKind.DataSource, ChangeType.Changed, false), (change.Kind, change.Change, change.Breaking));
        return change;
    }

    private static IEnumerable<(string, string?, string?)> Fields(ObjectPlan change) =>
        change.Fields.Select(f => (f.Path, f.Before, f.After));

    [Fact]
    public void Canonical_json_of_a_source_without_stream_has_no_stream_key()
    {
        Assert.Equal(
            """{"name":"driver_hourly","path":"data/driver_hourly.parquet","timestamp_field":"event_timestamp","created_timestamp_field":"created"}""",
            RegistryJson.Serialize(DriverHourly));
    }

    [Fact]
    public void Registry_stored_before_streams_existed_plans_with_no_changes()
    {
        const string StoredBeforeStreams =
            """{"name":"driver_hourly","path":"data/driver_hourly.parquet","timestamp_field":"event_timestamp","created_timestamp_field":"created"}""";
        var state = StateOf(Definitions);
        state = state with
        {
            Objects = [.. state.Objects.Select(o => o.Kind == ObjectKind.DataSource ? o with { DefinitionJson = StoredBeforeStreams } : o)],
        };

        var plan = RegistryPlanner.Plan(Definitions, state, new PlanOptions());

        Assert.False(plan.HasChanges);
        Assert.Null(state.ToDefinitions().DataSources.Single().Stream);
    }

    [Fact]
    public void Stream_source_round_trips_through_canonical_json_with_sorted_mappings()
    {
        var json = RegistryJson.Serialize(Streamed with { Stream = Streamed.Stream! with { Kafka = Kafka with { DeadLetterTopic = "trips.bad" } } });

        Assert.EndsWith(
            ""","stream":{"kind":"kafka","kafka":{"bootstrap_servers":"broker:9092","topic":"driver_trips","consumer_group":"featurestore-driver-trips","format":"json","event_time_field":"ts","allowed_lateness":10,"field_mapping":{"acc":"acc_rate","drv":"driver_id"},"dead_letter_topic":"trips.bad"}}}""",
            json,
            StringComparison.Ordinal);
        var back = RegistryJson.Deserialize<DataSourceDefinition>(json);
        Assert.Equal(json, RegistryJson.Serialize(back));
        Assert.Equal(("trips.bad", "driver_id"), (back.Stream!.Kafka!.DeadLetterTopic, back.Stream.Kafka.FieldMapping!["drv"]));
    }

    [Fact]
    public void Stream_field_mapping_order_is_not_a_change()
    {
        var reordered = Kafka with { FieldMapping = new Dictionary<string, string> { ["acc"] = "acc_rate", ["drv"] = "driver_id" } };
        var desired = Definitions.WithSource(DriverHourly with { Stream = new StreamDefinition(StreamKind.Kafka, reordered) });

        Assert.False(RegistryPlanner.Plan(desired, StateOf(Definitions.WithSource(Streamed)), new PlanOptions()).HasChanges);
    }

    [Fact]
    public void Adding_a_kafka_stream_lists_every_field_and_is_safe()
    {
        var change = PlanSource(DriverHourly, Streamed);

        Assert.Equal(
            [
                ("stream.kind", null, "kafka"),
                ("stream.bootstrap_servers", null, "broker:9092"),
                ("stream.topic", null, "driver_trips"),
                ("stream.consumer_group", null, "featurestore-driver-trips"),
                ("stream.format", null, "json"),
                ("stream.event_time_field", null, "ts"),
                ("stream.allowed_lateness", null, "10s"),
                ("stream.field_mapping.acc", null, "acc_rate"),
                ("stream.field_mapping.drv", null, "driver_id"),
            ],
            Fields(change));
    }

    [Fact]
    public void Changing_topic_format_lateness_and_dead_letters_is_safe_and_names_each_field()
    {
        var desired = DriverHourly with
        {
            Stream = new StreamDefinition(StreamKind.Kafka, Kafka with
            {
                Topic = "driver_trips_v2",
                Format = StreamMessageFormat.Protobuf,
                AllowedLateness = TimeSpan.FromMinutes(1),
                DeadLetterTopic = "driver_trips_v2.dlq",
            }),
        };

        var change = PlanSource(Streamed, desired);

        Assert.Equal(
            [
                ("stream.topic", "driver_trips", "driver_trips_v2"),
                ("stream.format", "json", "protobuf"),
                ("stream.allowed_lateness", "10s", "1m"),
                ("stream.dead_letter_topic", null, "driver_trips_v2.dlq"),
            ],
            Fields(change));
    }

    [Fact]
    public void Switching_kafka_to_push_is_safe()
    {
        var change = PlanSource(Streamed, DriverHourly with { Stream = new StreamDefinition(StreamKind.Push) });

        Assert.Equal(("stream.kind", "kafka", "push"), Fields(change).First());
        Assert.Contains(("stream.topic", "driver_trips", null), Fields(change));
    }

    [Fact]
    public void Removing_the_stream_block_is_safe()
    {
        var change = PlanSource(Streamed, DriverHourly);

        Assert.Equal(9, change.Fields.Count);
        Assert.All(change.Fields, f => Assert.Null(f.After));
    }
}
