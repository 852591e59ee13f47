using FeatureStore.Registry.Model;

namespace FeatureStore.Sdk.Definitions;

/// <summary>
/// Configures where a Kafka source's records come from and how they are decoded. Bootstrap servers, topic, consumer
/// group and event-time field are required (a missing one is a problem reported by <see cref="FeatureRepository.Build"/>);
/// the format defaults to JSON, the allowed lateness to 10 s, the dead-letter topic to "TOPIC.dlq".
/// </summary>
public sealed class KafkaStreamBuilder
{
    private readonly Dictionary<string, string> fieldMapping = new(StringComparer.Ordinal);
    private string bootstrapServers = "";
    private string topic = "";
    private string consumerGroup = "";
    private string eventTimeField = "";
    private StreamMessageFormat format = StreamMessageFormat.Json;
    private TimeSpan allowedLateness = KafkaStreamDefinition.DefaultAllowedLateness;
    private string? deadLetterTopic;

    internal KafkaStreamBuilder()
    {
    }

    /// <summary>The brokers to connect to: "host:port[,host:port...]".</summary>
    public KafkaStreamBuilder BootstrapServers(string servers)
    {
        ArgumentNullException.ThrowIfNull(servers);
        bootstrapServers = servers;
        return this;
    }

    public KafkaStreamBuilder Topic(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        this.topic = topic;
        return this;
    }

    /// <summary>The consumer group whose committed offsets say where ingestion resumes.</summary>
    public KafkaStreamBuilder ConsumerGroup(string group)
    {
        ArgumentNullException.ThrowIfNull(group);
        consumerGroup = group;
        return this;
    }

    /// <summary>The message field holding the event time (a JSON name, or a Protobuf field number such as "3").</summary>
    public KafkaStreamBuilder EventTimeField(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        eventTimeField = field;
        return this;
    }

    /// <summary>Messages are JSON objects (the default).</summary>
    public KafkaStreamBuilder Json()
    {
        format = StreamMessageFormat.Json;
        return this;
    }

    /// <summary>Messages are Protobuf; fields are named by number in <see cref="MapField"/> and <see cref="EventTimeField"/>.</summary>
    public KafkaStreamBuilder Protobuf()
    {
        format = StreamMessageFormat.Protobuf;
        return this;
    }

    /// <summary>How far behind the newest event time of a partition an event may be before it counts as late.</summary>
    public KafkaStreamBuilder AllowedLateness(TimeSpan lateness)
    {
        allowedLateness = lateness;
        return this;
    }

    /// <summary>Reads message field <paramref name="messageField"/> (JSON name or Protobuf field number) as source column <paramref name="column"/>.</summary>
    public KafkaStreamBuilder MapField(string messageField, string column)
    {
        ArgumentNullException.ThrowIfNull(messageField);
        ArgumentNullException.ThrowIfNull(column);
        fieldMapping[messageField] = column;
        return this;
    }

    /// <summary>The topic receiving records that cannot be ingested (default "TOPIC.dlq").</summary>
    public KafkaStreamBuilder DeadLetterTopic(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        deadLetterTopic = topic;
        return this;
    }

    internal StreamDefinition Build() => new(
        StreamKind.Kafka,
        new KafkaStreamDefinition(
            bootstrapServers,
            topic,
            consumerGroup,
            format,
            eventTimeField,
            allowedLateness,
            fieldMapping.Count == 0 ? null : new Dictionary<string, string>(fieldMapping, StringComparer.Ordinal),
            deadLetterTopic));
}
