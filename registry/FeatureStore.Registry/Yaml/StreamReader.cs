using FeatureStore.Registry.Model;
using YamlDotNet.RepresentationModel;

namespace FeatureStore.Registry.Yaml;

/// <summary>
/// Reads a data source's <c>stream:</c> block: <c>kind</c> (kafka or push) and, for Kafka, its keys at the same level.
/// Positions are recorded under "stream.". Kafka keys given to a push source are kept so the validator reports them;
/// missing Kafka keys are left empty for the validator. <c>${NAME}</c> references in the connection keys are expanded.
/// </summary>
internal static class StreamReader
{
    private const string Prefix = "stream.";

    private static readonly string[] KafkaKeys =
        ["bootstrap_servers", "topic", "consumer_group", "format", "event_time_field", "allowed_lateness", "field_mapping", "dead_letter_topic"];

    private static readonly string[] Keys = ["kind", .. KafkaKeys];

    public static StreamDefinition? Read(YamlNode node, string sourceName, YamlSource source, ObjectPositions positions)
    {
        var what = $"stream block of data source '{sourceName}'";
        if (YamlMap.Open(node, what, source, Keys, positions, Prefix) is not { } map)
        {
            return null;
        }

        var kind = map.Parse("kind", "a stream kind: kafka or push", ParseKind);
        if (kind is null)
        {
            if (!map.Has("kind"))
            {
                map.Report(map.Node, $"{what} is missing required key 'kind' (kafka or push)");
            }

            return null;
        }

        var hasKafkaKeys = KafkaKeys.Any(map.Has);
        return new StreamDefinition(kind.Value, kind == StreamKind.Kafka || hasKafkaKeys ? ReadKafka(map) : null);
    }

    private static KafkaStreamDefinition ReadKafka(YamlMap map)
    {
        var mapping = map.StringMap("field_mapping");
        return new KafkaStreamDefinition(
            Expanded(map, "bootstrap_servers") ?? "",
            Expanded(map, "topic") ?? "",
            Expanded(map, "consumer_group") ?? "",
            map.Parse("format", "a message format: json or protobuf", ParseFormat) ?? StreamMessageFormat.Json,
            map.String("event_time_field") ?? "",
            map.Duration("allowed_lateness") ?? KafkaStreamDefinition.DefaultAllowedLateness,
            mapping is { Count: > 0 } ? mapping : null,
            Expanded(map, "dead_letter_topic"));
    }

    private static string? Expanded(YamlMap map, string key) => RepoConfigReader.Expanded(map, key, block: "stream");

    private static StreamKind? ParseKind(string text) => text.Trim() switch
    {
        "kafka" => StreamKind.Kafka,
        "push" => StreamKind.Push,
        _ => null,
    };

    private static StreamMessageFormat? ParseFormat(string text) => text.Trim() switch
    {
        "json" => StreamMessageFormat.Json,
        "protobuf" => StreamMessageFormat.Protobuf,
        _ => null,
    };
}
