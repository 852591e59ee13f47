using System.Text.Json.Serialization;

namespace FeatureStore.Registry.Model;

/// <summary>Where a streamed data source's live records come from.</summary>
public enum StreamKind
{
    /// <summary>A Kafka topic read by <c>featurestore ingest</c> through a consumer group.</summary>
    Kafka,

    /// <summary>Rows sent by callers: the feature server's PushFeatures call or <c>featurestore push</c>.</summary>
    Push,
}

/// <summary>How a Kafka message's value is encoded.</summary>
public enum StreamMessageFormat
{
    /// <summary>A JSON object per message; <see cref="KafkaStreamDefinition.FieldMapping"/> maps its top-level fields to columns.</summary>
    Json,

    /// <summary>A Protobuf message per message; <see cref="KafkaStreamDefinition.FieldMapping"/> maps field numbers ("1", "2"...) to columns.</summary>
    Protobuf,
}

/// <summary>
/// The Kafka side of a streamed data source. <see cref="FieldMapping"/>: message field (JSON name, or Protobuf field number)
/// → source column; fields not mapped keep their name (JSON) or are ignored (Protobuf). <see cref="EventTimeField"/> is the
/// message field holding the event time (after mapping it becomes the source's timestamp column).
/// <see cref="AllowedLateness"/>: a partition's watermark is the newest event time seen minus this.
/// Records that fail decoding or validation go to <see cref="DeadLetterTopic"/> (default "TOPIC.dlq").
/// </summary>
public sealed record KafkaStreamDefinition(
    string BootstrapServers,
    string Topic,
    string ConsumerGroup,
    StreamMessageFormat Format,
    string EventTimeField,
    TimeSpan AllowedLateness,
    IReadOnlyDictionary<string, string>? FieldMapping = null,
    string? DeadLetterTopic = null)
{
    /// <summary>The lateness allowed when a definition does not say.</summary>
    public static readonly TimeSpan DefaultAllowedLateness = TimeSpan.FromSeconds(10);

    /// <summary>The topic that receives records that cannot be ingested.</summary>
    [JsonIgnore]
    public string EffectiveDeadLetterTopic => DeadLetterTopic ?? Topic + ".dlq";
}

/// <summary>
/// Live records for a data source, on top of its Parquet history. The source's <see cref="DataSourceDefinition.Path"/>
/// stays the batch history (the offline store) and also receives every accepted streamed record, appended as Parquet;
/// its <see cref="DataSourceDefinition.CreatedTimestampField"/> receives the ingestion time. <see cref="Kafka"/> is set
/// exactly when <see cref="Kind"/> is <see cref="StreamKind.Kafka"/>.
/// </summary>
public sealed record StreamDefinition(
    StreamKind Kind,
    KafkaStreamDefinition? Kafka = null);
