using FeatureStore.Registry.Model;

namespace FeatureStore.Registry.Tests.Yaml;

/// <summary>A data source's <c>stream:</c> block in YAML: read into the model, bad input located at its line and column.</summary>
public sealed class StreamYamlTests
{
    private const string KafkaSource = """
        data_sources:
          - name: driver_trips
            path: data/driver_trips/
            timestamp_field: event_timestamp
            created_timestamp_field: ingested_at
            stream:
              kind: kafka
              bootstrap_servers: broker1:9092,broker2:9092
              topic: driver_trips
              consumer_group: featurestore-driver-trips
              format: json
              event_time_field: ts
              allowed_lateness: 30s
              field_mapping: {drv: driver_id}
              dead_letter_topic: driver_trips.rejected

        """;

    private static TempRepo RepoWith(string yaml) => new TempRepo().Write("sources.yaml", yaml);

    private static IReadOnlyList<string> ProblemsAfter(string find, string replace)
    {
        Assert.Contains(find, KafkaSource, StringComparison.Ordinal);
        using var repo = RepoWith(KafkaSource.Replace(find, replace, StringComparison.Ordinal));
        return repo.Problems();
    }

    private static string Protobuf(string eventTimeField, string mapping) => KafkaSource
        .Replace("format: json", "format: protobuf", StringComparison.Ordinal)
        .Replace("event_time_field: ts", "event_time_field: " + eventTimeField, StringComparison.Ordinal)
        .Replace("field_mapping: {drv: driver_id}", "field_mapping: " + mapping, StringComparison.Ordinal);

    [Fact]
    public void Kafka_stream_block_is_read_into_the_source()
    {
        using var repo = RepoWith(KafkaSource);

        var source = Assert.Single(repo.Load().Definitions.DataSources);

        Assert.Equal(("data/driver_trips/", "event_timestamp", "ingested_at"), (source.Path, source.TimestampField, source.CreatedTimestampField));
        var stream = Assert.IsType<StreamDefinition>(source.Stream);
        Assert.Equal(StreamKind.Kafka, stream.Kind);
        var kafka = Assert.IsType<KafkaStreamDefinition>(stream.Kafka);
        Assert.Equal(
            ("broker1:9092,broker2:9092", "driver_trips", "featurestore-driver-trips", StreamMessageFormat.Json, "ts", TimeSpan.FromSeconds(30), "driver_trips.rejected"),
            (kafka.BootstrapServers, kafka.Topic, kafka.ConsumerGroup, kafka.Format, kafka.EventTimeField, kafka.AllowedLateness, kafka.DeadLetterTopic));
        Assert.Equal(new Dictionary<string, string> { ["drv"] = "driver_id" }, kafka.FieldMapping);
    }

    [Fact]
    public void Optional_kafka_keys_take_their_defaults()
    {
        using var repo = RepoWith(KafkaSource
            .Replace("      format: json\n", "", StringComparison.Ordinal)
            .Replace("      allowed_lateness: 30s\n", "", StringComparison.Ordinal)
            .Replace("      field_mapping: {drv: driver_id}\n", "", StringComparison.Ordinal)
            .Replace("      dead_letter_topic: driver_trips.rejected\n", "", StringComparison.Ordinal));

        var kafka = Assert.Single(repo.Load().Definitions.DataSources).Stream!.Kafka!;

        Assert.Equal((StreamMessageFormat.Json, TimeSpan.FromSeconds(10), null, null), (kafka.Format, kafka.AllowedLateness, kafka.FieldMapping, kafka.DeadLetterTopic));
        Assert.Equal("driver_trips.dlq", kafka.EffectiveDeadLetterTopic);
    }

    [Fact]
    public void Push_stream_block_is_read_without_kafka_settings()
    {
        using var repo = RepoWith("""
            data_sources:
              - name: driver_trips
                path: data/driver_trips/**/*.parquet
                timestamp_field: event_timestamp
                created_timestamp_field: ingested_at
                stream: {kind: push}

            """);

        var source = Assert.Single(repo.Load().Definitions.DataSources);

        Assert.Equal(new StreamDefinition(StreamKind.Push), source.Stream);
    }

    [Fact]
    public void Protobuf_field_numbers_are_accepted()
    {
        using var repo = RepoWith(Protobuf("\"4\"", "{1: driver_id, 2: trips}"));

        var kafka = Assert.Single(repo.Load().Definitions.DataSources).Stream!.Kafka!;

        Assert.Equal((StreamMessageFormat.Protobuf, "4"), (kafka.Format, kafka.EventTimeField));
        Assert.Equal(["1", "2"], kafka.FieldMapping!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Environment_references_in_connection_keys_are_expanded()
    {
        var variable = "FS_TEST_BOOTSTRAP_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "kafka.internal:9093");
        try
        {
            using var repo = RepoWith(KafkaSource.Replace("broker1:9092,broker2:9092", "${" + variable + "}", StringComparison.Ordinal));

            Assert.Equal("kafka.internal:9093", Assert.Single(repo.Load().Definitions.DataSources).Stream!.Kafka!.BootstrapServers);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void Unset_environment_reference_is_reported_at_its_value()
    {
        var variable = "FS_TEST_UNSET_" + Guid.NewGuid().ToString("N");

        var problems = ProblemsAfter("topic: driver_trips\n", "topic: ${" + variable + "}\n");

        Assert.Equal([$"sources.yaml:9:14: environment variable '{variable}' referenced by stream.topic is not set"], problems);
    }

    [Fact]
    public void Unknown_key_in_the_stream_block_is_reported_with_the_allowed_keys()
    {
        var problems = ProblemsAfter("      topic: driver_trips\n", "      topic: driver_trips\n      partitions: 3\n");

        Assert.Equal(
            ["sources.yaml:10:7: unknown key 'partitions' in stream block of data source 'driver_trips'; allowed keys: kind, bootstrap_servers, topic, consumer_group, format, event_time_field, allowed_lateness, field_mapping, dead_letter_topic"],
            problems);
    }

    [Fact]
    public void Stream_that_is_not_a_mapping_is_reported()
    {
        using var repo = RepoWith(KafkaSource[..KafkaSource.IndexOf("    stream:", StringComparison.Ordinal)] + "    stream: kafka\n");

        var problem = Assert.Single(repo.Problems());

        Assert.StartsWith("sources.yaml:6:13: expected a stream block of data source 'driver_trips' (a mapping with keys kind, ", problem, StringComparison.Ordinal);
        Assert.EndsWith("found a scalar ('kafka')", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_kind_is_reported_at_the_stream_block()
    {
        Assert.Equal(
            ["sources.yaml:7:7: stream block of data source 'driver_trips' is missing required key 'kind' (kafka or push)"],
            ProblemsAfter("      kind: kafka\n", ""));
    }

    [Fact]
    public void Unknown_kind_is_reported_at_its_value()
    {
        Assert.Equal(
            ["sources.yaml:7:13: expected a stream kind: kafka or push for 'kind', found a scalar ('kinesis')"],
            ProblemsAfter("kind: kafka", "kind: kinesis"));
    }

    [Fact]
    public void Unknown_format_is_reported_at_its_value()
    {
        Assert.Equal(
            ["sources.yaml:11:15: expected a message format: json or protobuf for 'format', found a scalar ('avro')"],
            ProblemsAfter("format: json", "format: avro"));
    }

    [Fact]
    public void Bad_allowed_lateness_is_reported_with_the_duration_help()
    {
        var problem = Assert.Single(ProblemsAfter("allowed_lateness: 30s", "allowed_lateness: soon"));

        Assert.StartsWith("sources.yaml:13:25: expected a duration (use 90s, 15m", problem, StringComparison.Ordinal);
        Assert.EndsWith("for 'allowed_lateness', found a scalar ('soon')", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bootstrap_servers")]
    [InlineData("topic")]
    [InlineData("consumer_group")]
    [InlineData("event_time_field")]
    public void Missing_required_kafka_key_is_reported_at_the_stream_block(string key)
    {
        var line = KafkaSource.Split('\n').Single(l => l.StartsWith($"      {key}:", StringComparison.Ordinal));

        var problem = Assert.Single(ProblemsAfter(line + "\n", ""));

        Assert.StartsWith($"sources.yaml:7:7: data source 'driver_trips' is a kafka source without {key}; set it to ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Push_source_with_kafka_keys_is_reported_at_the_first_one()
    {
        var problems = ProblemsAfter("      kind: kafka\n      bootstrap_servers: broker1:9092,broker2:9092\n", "      kind: push\n");

        Assert.Equal(
            ["sources.yaml:8:14: data source 'driver_trips' is a push source but sets Kafka keys (topic, consumer_group, event_time_field, allowed_lateness, field_mapping, dead_letter_topic); a push source takes only 'kind: push'"],
            problems);
    }

    [Fact]
    public void Streamed_source_without_created_timestamp_field_is_reported_at_the_source()
    {
        Assert.Equal(
            ["sources.yaml:2:5: data source 'driver_trips' is a kafka source but has no created_timestamp_field; name the column that receives each record's ingestion time"],
            ProblemsAfter("    created_timestamp_field: ingested_at\n", ""));
    }

    [Fact]
    public void Streamed_source_whose_path_is_one_parquet_file_is_reported_at_the_path()
    {
        var problem = Assert.Single(ProblemsAfter("path: data/driver_trips/", "path: data/driver_trips.parquet"));

        Assert.StartsWith("sources.yaml:3:11: data source 'driver_trips' is a kafka source but its path 'data/driver_trips.parquet' is a single Parquet file;", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Dead_letter_topic_equal_to_the_topic_is_reported_at_it()
    {
        Assert.Equal(
            ["sources.yaml:15:26: data source 'driver_trips' has dead_letter_topic 'driver_trips', the topic it reads; rejected records would be read again"],
            ProblemsAfter("dead_letter_topic: driver_trips.rejected", "dead_letter_topic: driver_trips"));
    }

    [Fact]
    public void Invalid_topic_name_is_reported_at_it()
    {
        var problem = Assert.Single(ProblemsAfter("topic: driver_trips\n", "topic: driver trips\n"));

        Assert.StartsWith("sources.yaml:9:14: topic 'driver trips' of data source 'driver_trips' is not a valid Kafka topic name;", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Protobuf_mapping_key_that_is_not_a_field_number_is_reported_at_the_key()
    {
        using var repo = RepoWith(Protobuf("4", "{1: driver_id, drv: trips}"));

        var problem = Assert.Single(repo.Problems());

        Assert.StartsWith("sources.yaml:14:37: stream.field_mapping of data source 'driver_trips' maps 'drv', which is not a Protobuf field number", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Protobuf_event_time_field_that_is_not_a_field_number_is_reported_at_it()
    {
        using var repo = RepoWith(Protobuf("ts", "{1: driver_id}"));

        var problem = Assert.Single(repo.Problems());

        Assert.StartsWith("sources.yaml:12:25: event_time_field 'ts' of data source 'driver_trips' must be a Protobuf field number", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Colliding_stream_field_mapping_is_reported_at_the_later_key()
    {
        var problem = Assert.Single(ProblemsAfter("{drv: driver_id}", "{drv: driver_id, d: driver_id}"));

        Assert.Equal("sources.yaml:14:23: stream.field_mapping of data source 'driver_trips' renames 'd' and 'drv' to the same column 'driver_id'", problem);
    }
}
