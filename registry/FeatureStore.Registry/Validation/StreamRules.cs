using System.Globalization;
using FeatureStore.Registry.Model;

namespace FeatureStore.Registry.Validation;

/// <summary>
/// Streamed data sources (a <c>stream:</c> block): Kafka settings complete and well formed, none on a push source,
/// a created_timestamp_field to receive the ingestion time, and a path that streamed records can be appended under.
/// Field paths use the YAML keys under "stream." ("stream.topic", "stream.field_mapping.3").
/// </summary>
internal static class StreamRules
{
    // Kafka's own limits on topic names.
    private const int MaxTopicLength = 249;
    private const string TopicCharacters = "ASCII letters, digits, '.', '_' and '-'";

    // Protobuf's largest field number (2^29 - 1).
    private const int MaxFieldNumber = 536_870_911;

    public static void Check(IReadOnlyList<DataSourceDefinition> sources, ProblemCollector problems)
    {
        foreach (var source in sources)
        {
            if (source.Stream is { } stream)
            {
                Check(new Reporter(source.Name, problems), source, stream);
            }
        }
    }

    private static void Check(Reporter report, DataSourceDefinition source, StreamDefinition stream)
    {
        var kind = stream.Kind.ToString().ToLowerInvariant();
        if (string.IsNullOrWhiteSpace(source.CreatedTimestampField))
        {
            report.Add("created_timestamp_field",
                $"data source '{source.Name}' is a {kind} source but has no created_timestamp_field; name the column that receives each record's ingestion time");
        }

        if (IsSingleParquetFile(source.Path))
        {
            report.Add("path",
                $"data source '{source.Name}' is a {kind} source but its path '{source.Path}' is a single Parquet file; streamed records are appended as new files, so use a directory (e.g. 'data/{source.Name}/') or a glob");
        }

        else if (IsGlobWithoutSubfolders(source.Path))
        {
            var folder = source.Path[..Math.Max(0, source.Path[..source.Path.IndexOfAny(['*', '?'])].LastIndexOf('/'))];
            report.Add("path",
                $"data source '{source.Name}' is a {kind} source but its glob '{source.Path}' does not reach the files appended under '{folder}/event_date=YYYY-MM-DD/'; use the directory '{folder}/' or a glob with ** such as '{folder}/**/*.parquet'");
        }

        switch (stream.Kind)
        {
            case StreamKind.Push when stream.Kafka is { } kafka:
                var keys = KafkaKeysSet(kafka);
                report.Add(keys.Count > 0 ? "stream." + keys[0] : "stream",
                    $"data source '{source.Name}' is a push source but sets Kafka keys ({(keys.Count > 0 ? string.Join(", ", keys) : "format or allowed_lateness")}); a push source takes only 'kind: push'");
                break;
            case StreamKind.Kafka when stream.Kafka is null:
                report.Add("stream",
                    $"data source '{source.Name}' is a kafka source without Kafka settings; set bootstrap_servers, topic, consumer_group and event_time_field");
                break;
            case StreamKind.Kafka:
                CheckKafka(report, source.Name, stream.Kafka!);
                break;
        }
    }

    private static void CheckKafka(Reporter report, string sourceName, KafkaStreamDefinition kafka)
    {
        Required("bootstrap_servers", kafka.BootstrapServers, "the brokers to connect to, e.g. 'broker1:9092,broker2:9092'");
        Required("topic", kafka.Topic, "the topic to read");
        Required("consumer_group", kafka.ConsumerGroup, "the consumer group whose committed offsets say where reading resumes");
        Required("event_time_field", kafka.EventTimeField, "the message field holding each record's event time");
        CheckTopicName(report, sourceName, "topic", kafka.Topic);
        if (kafka.DeadLetterTopic is { } deadLetters)
        {
            if (string.IsNullOrWhiteSpace(deadLetters))
            {
                report.Add("stream.dead_letter_topic", $"data source '{sourceName}' has an empty dead_letter_topic; leave it out to use '{kafka.Topic}.dlq'");
            }
            else if (deadLetters == kafka.Topic)
            {
                report.Add("stream.dead_letter_topic",
                    $"data source '{sourceName}' has dead_letter_topic '{deadLetters}', the topic it reads; rejected records would be read again");
            }
            else
            {
                CheckTopicName(report, sourceName, "dead_letter_topic", deadLetters);
            }
        }

        if (kafka.AllowedLateness < TimeSpan.Zero)
        {
            report.Add("stream.allowed_lateness", $"allowed_lateness of data source '{sourceName}' must be zero or more");
        }
        else if (kafka.AllowedLateness.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            report.Add("stream.allowed_lateness", $"allowed_lateness of data source '{sourceName}' must be whole seconds (the registry keeps seconds)");
        }

        if (kafka.Format == StreamMessageFormat.Protobuf)
        {
            CheckProtobufNumbers(report, sourceName, kafka);
        }

        if (kafka.FieldMapping is { Count: > 0 } mapping)
        {
            DataSourceRules.CheckMapping(sourceName, "stream.field_mapping", mapping, report.Problems);
        }

        void Required(string key, string value, string help)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                report.Add("stream." + key, $"data source '{sourceName}' is a kafka source without {key}; set it to {help}");
            }
        }
    }

    private static void CheckProtobufNumbers(Reporter report, string sourceName, KafkaStreamDefinition kafka)
    {
        if (!string.IsNullOrWhiteSpace(kafka.EventTimeField) && !IsFieldNumber(kafka.EventTimeField))
        {
            report.Add("stream.event_time_field",
                $"event_time_field '{kafka.EventTimeField}' of data source '{sourceName}' must be a Protobuf field number (1 to 536870911) because the format is protobuf");
        }

        foreach (var field in (kafka.FieldMapping?.Keys ?? []).Where(f => !IsFieldNumber(f)).Order(StringComparer.Ordinal))
        {
            report.Add($"stream.field_mapping.{field}",
                $"stream.field_mapping of data source '{sourceName}' maps '{field}', which is not a Protobuf field number (1 to 536870911); protobuf messages are mapped by field number");
        }
    }

    private static void CheckTopicName(Reporter report, string sourceName, string key, string topic)
    {
        // An unset ${NAME} reference is already reported by the YAML reader, at the value.
        if (string.IsNullOrWhiteSpace(topic) || topic.Contains("${", StringComparison.Ordinal))
        {
            return;
        }

        if (topic.Length > MaxTopicLength || topic is "." or ".." || !topic.All(IsTopicCharacter))
        {
            report.Add("stream." + key,
                $"{key} '{topic}' of data source '{sourceName}' is not a valid Kafka topic name; use at most {MaxTopicLength} {TopicCharacters}");
        }
    }

    private static List<string> KafkaKeysSet(KafkaStreamDefinition kafka)
    {
        var keys = new List<string>();
        Add("bootstrap_servers", !string.IsNullOrEmpty(kafka.BootstrapServers));
        Add("topic", !string.IsNullOrEmpty(kafka.Topic));
        Add("consumer_group", !string.IsNullOrEmpty(kafka.ConsumerGroup));
        Add("format", kafka.Format != StreamMessageFormat.Json);
        Add("event_time_field", !string.IsNullOrEmpty(kafka.EventTimeField));
        Add("allowed_lateness", kafka.AllowedLateness != KafkaStreamDefinition.DefaultAllowedLateness);
        Add("field_mapping", kafka.FieldMapping is { Count: > 0 });
        Add("dead_letter_topic", kafka.DeadLetterTopic is not null);
        return keys;

        void Add(string key, bool set)
        {
            if (set)
            {
                keys.Add(key);
            }
        }
    }

    /// <summary>A path naming one .parquet file rather than a directory or a glob.</summary>
    private static bool IsSingleParquetFile(string path) =>
        path.IndexOfAny(['*', '?']) < 0 && path.TrimEnd().EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);

    // Streamed records are appended in event_date= subfolders, which only a recursive (**) glob reaches.
    private static bool IsGlobWithoutSubfolders(string path) =>
        path.IndexOfAny(['*', '?']) >= 0 && !path.Contains("**", StringComparison.Ordinal);

    private static bool IsFieldNumber(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and <= MaxFieldNumber;

    private static bool IsTopicCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';

    private sealed record Reporter(string SourceName, ProblemCollector Problems)
    {
        public void Add(string field, string message) => Problems.Add(ObjectKind.DataSource, SourceName, field, message);
    }
}
