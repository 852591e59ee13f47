using FeatureStore.Registry.Model;
using FeatureStore.Registry.Validation;
using static FeatureStore.Registry.Tests.Validation.SampleDefinitions;

namespace FeatureStore.Registry.Tests.Validation;

/// <summary>Stream rules on definitions made in code, located as "data source 'x', field 'stream.topic'".</summary>
public sealed class StreamRuleTests
{
    private static readonly KafkaStreamDefinition Kafka = new(
        "broker:9092", "trips", "featurestore-trips", StreamMessageFormat.Json, "ts", TimeSpan.FromSeconds(10));

    private static readonly DataSourceDefinition Streamed = Source with
    {
        CreatedTimestampField = "ingested_at",
        Stream = new StreamDefinition(StreamKind.Kafka, Kafka),
    };

    private static IReadOnlyList<DefinitionProblem> Problems(DataSourceDefinition source) =>
        DefinitionValidator.Validate(Valid with { DataSources = [source] }, CodeLocator.Instance);

    private static DefinitionProblem SingleProblem(DataSourceDefinition source) => Assert.Single(Problems(source));

    private static DataSourceDefinition WithKafka(KafkaStreamDefinition kafka) => Streamed with { Stream = new StreamDefinition(StreamKind.Kafka, kafka) };

    [Fact]
    public void Valid_kafka_and_push_sources_have_no_problems()
    {
        Assert.Empty(Problems(Streamed));
        Assert.Empty(Problems(Streamed with { Stream = new StreamDefinition(StreamKind.Push), Path = "data/trips/**/*.parquet" }));
        Assert.Empty(Problems(WithKafka(Kafka with
        {
            Format = StreamMessageFormat.Protobuf,
            EventTimeField = "4",
            FieldMapping = new Dictionary<string, string> { ["1"] = "driver_id", ["536870911"] = "trips" },
            AllowedLateness = TimeSpan.Zero,
            DeadLetterTopic = "trips-rejected",
        })));
    }

    [Fact]
    public void Glob_that_cannot_reach_the_event_date_folders_is_reported()
    {
        var problem = SingleProblem(Streamed with { Path = "data/trips/*.parquet" });

        Assert.Equal("data source 'trips_source', field 'path'", problem.Location);
        Assert.Equal(
            "data source 'trips_source' is a kafka source but its glob 'data/trips/*.parquet' does not reach the files appended under 'data/trips/event_date=YYYY-MM-DD/'; use the directory 'data/trips/' or a glob with ** such as 'data/trips/**/*.parquet'",
            problem.Message);
        Assert.Empty(Problems(Streamed with { Path = "data/trips/" }));
        Assert.Empty(Problems(Source with { Path = "data/trips/*.parquet" }));
    }

    [Fact]
    public void Kafka_kind_without_kafka_settings_is_reported()
    {
        var problem = SingleProblem(Streamed with { Stream = new StreamDefinition(StreamKind.Kafka) });

        Assert.Equal("data source 'trips_source', field 'stream'", problem.Location);
        Assert.StartsWith("data source 'trips_source' is a kafka source without Kafka settings", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Push_source_with_kafka_settings_names_the_keys_it_sets()
    {
        var problem = SingleProblem(Streamed with { Stream = new StreamDefinition(StreamKind.Push, Kafka) });

        Assert.Equal("data source 'trips_source', field 'stream.bootstrap_servers'", problem.Location);
        Assert.Equal(
            "data source 'trips_source' is a push source but sets Kafka keys (bootstrap_servers, topic, consumer_group, event_time_field); a push source takes only 'kind: push'",
            problem.Message);
    }

    [Fact]
    public void Push_source_with_only_default_kafka_settings_is_still_reported()
    {
        var empty = new KafkaStreamDefinition("", "", "", StreamMessageFormat.Json, "", KafkaStreamDefinition.DefaultAllowedLateness);

        var problem = SingleProblem(Streamed with { Stream = new StreamDefinition(StreamKind.Push, empty) });

        Assert.Equal("data source 'trips_source', field 'stream'", problem.Location);
    }

    [Fact]
    public void Every_missing_required_kafka_key_is_reported_at_once()
    {
        var problems = Problems(WithKafka(Kafka with { BootstrapServers = " ", Topic = "", ConsumerGroup = "", EventTimeField = "" }));

        Assert.Equal(
            [
                "data source 'trips_source', field 'stream.bootstrap_servers'",
                "data source 'trips_source', field 'stream.topic'",
                "data source 'trips_source', field 'stream.consumer_group'",
                "data source 'trips_source', field 'stream.event_time_field'",
            ],
            problems.Select(p => p.Location));
    }

    [Fact]
    public void Negative_allowed_lateness_is_reported()
    {
        var problem = SingleProblem(WithKafka(Kafka with { AllowedLateness = TimeSpan.FromSeconds(-1) }));

        Assert.Equal(
            new DefinitionProblem("data source 'trips_source', field 'stream.allowed_lateness'", "allowed_lateness of data source 'trips_source' must be zero or more"),
            problem);
    }

    [Fact]
    public void Sub_second_allowed_lateness_is_reported_because_the_registry_keeps_seconds()
    {
        var problem = SingleProblem(WithKafka(Kafka with { AllowedLateness = TimeSpan.FromMilliseconds(1500) }));

        Assert.Equal("data source 'trips_source', field 'stream.allowed_lateness'", problem.Location);
        Assert.Contains("whole seconds", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("536870912")]
    [InlineData("+3")]
    public void Protobuf_field_numbers_out_of_range_are_reported(string number)
    {
        var problems = Problems(WithKafka(Kafka with
        {
            Format = StreamMessageFormat.Protobuf,
            EventTimeField = number,
            FieldMapping = new Dictionary<string, string> { [number] = "driver_id" },
        }));

        Assert.Equal(
            ["data source 'trips_source', field 'stream.event_time_field'", $"data source 'trips_source', field 'stream.field_mapping.{number}'"],
            problems.Select(p => p.Location));
    }

    [Fact]
    public void Json_field_names_need_not_be_numbers()
    {
        Assert.Empty(Problems(WithKafka(Kafka with { FieldMapping = new Dictionary<string, string> { ["drv"] = "driver_id" } })));
    }

    [Fact]
    public void Empty_dead_letter_topic_is_reported()
    {
        var problem = SingleProblem(WithKafka(Kafka with { DeadLetterTopic = "" }));

        Assert.Equal("data source 'trips_source', field 'stream.dead_letter_topic'", problem.Location);
        Assert.Equal("data source 'trips_source' has an empty dead_letter_topic; leave it out to use 'trips.dlq'", problem.Message);
    }

    [Theory]
    [InlineData("trips/live")]
    [InlineData("..")]
    [InlineData("trïps")]
    public void Invalid_dead_letter_topic_name_is_reported(string topic)
    {
        var problem = SingleProblem(WithKafka(Kafka with { DeadLetterTopic = topic }));

        Assert.Equal("data source 'trips_source', field 'stream.dead_letter_topic'", problem.Location);
        Assert.StartsWith($"dead_letter_topic '{topic}' of data source 'trips_source' is not a valid Kafka topic name", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Topic_longer_than_kafka_allows_is_reported()
    {
        var problem = SingleProblem(WithKafka(Kafka with { Topic = new string('t', 250) }));

        Assert.Equal("data source 'trips_source', field 'stream.topic'", problem.Location);
    }

    [Theory]
    [InlineData("data/trips.parquet")]
    [InlineData("/abs/TRIPS.PARQUET")]
    public void Push_source_whose_path_is_one_parquet_file_is_reported(string path)
    {
        var problem = SingleProblem(Streamed with { Path = path, Stream = new StreamDefinition(StreamKind.Push) });

        Assert.Equal("data source 'trips_source', field 'path'", problem.Location);
        Assert.Contains("is a push source but its path", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Push_source_without_created_timestamp_field_is_reported()
    {
        var problem = SingleProblem(Streamed with { CreatedTimestampField = null, Stream = new StreamDefinition(StreamKind.Push) });

        Assert.Equal("data source 'trips_source', field 'created_timestamp_field'", problem.Location);
        Assert.StartsWith("data source 'trips_source' is a push source but has no created_timestamp_field", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_source_may_be_a_single_file_without_created_timestamp_field()
    {
        Assert.Empty(Problems(Source with { Path = "data/trips.parquet" }));
    }
}
