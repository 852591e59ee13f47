using System.Text.Json;
using System.Text.Json.Serialization;

namespace FeatureStore.Registry.Model;

/// <summary>
/// Canonical JSON of definitions: what stores persist and what "identical registry contents" means.
/// snake_case names, enums as lower-case strings, TTL as whole seconds, tags sorted by key,
/// and no whitespace, so equal definitions give byte-equal JSON.
/// </summary>
public static class RegistryJson
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    public static string Serialize<T>(T definition) where T : notnull => JsonSerializer.Serialize(Canonical(definition), Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"empty JSON for {typeof(T).Name}");

    /// <summary>The JSON of a whole definition set with every object list sorted by name.</summary>
    public static string Serialize(RegistryDefinitions definitions) => JsonSerializer.Serialize(
        definitions with
        {
            Entities = [.. definitions.Entities.OrderBy(e => e.Name, StringComparer.Ordinal).Select(Canonical)],
            DataSources = [.. definitions.DataSources.OrderBy(e => e.Name, StringComparer.Ordinal).Select(Canonical)],
            FeatureViews = [.. definitions.FeatureViews.OrderBy(e => e.Name, StringComparer.Ordinal).Select(Canonical)],
            FeatureServices = [.. definitions.FeatureServices.OrderBy(e => e.Name, StringComparer.Ordinal).Select(Canonical)],
        },
        Options);

    private static T Canonical<T>(T definition) => definition switch
    {
        EntityDefinition e => (T)(object)(e with { Tags = Sorted(e.Tags) }),
        DataSourceDefinition d => (T)(object)(d with { Tags = Sorted(d.Tags), FieldMapping = Sorted(d.FieldMapping), Stream = Canonical(d.Stream) }),
        FeatureViewDefinition v => (T)(object)CanonicalView(v),
        FeatureServiceDefinition s => (T)(object)(s with { Tags = Sorted(s.Tags) }),
        _ => definition,
    };

    private static FeatureViewDefinition CanonicalView(FeatureViewDefinition view) => view with
    {
        Tags = Sorted(view.Tags),
        Features = [.. view.Features.Select(f => f with { Tags = Sorted(f.Tags) })],
        RetainedVersions = view.RetainedVersions is { Count: > 0 } retained ? [.. retained.Select(CanonicalView)] : null,
    };

    private static StreamDefinition? Canonical(StreamDefinition? stream) =>
        stream?.Kafka is { } kafka ? stream with { Kafka = kafka with { FieldMapping = Sorted(kafka.FieldMapping) } } : stream;

    // Empty and missing tag maps mean the same thing; both serialize as absent.
    private static SortedDictionary<string, string>? Sorted(IReadOnlyDictionary<string, string>? map) =>
        map is null || map.Count == 0 ? null : new SortedDictionary<string, string>(map.ToDictionary(), StringComparer.Ordinal);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = false,
        };
        options.Converters.Add(new FeatureTypeConverter());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.Converters.Add(new TimeSpanSecondsConverter());
        return options;
    }

    private sealed class FeatureTypeConverter : JsonConverter<FeatureType>
    {
        public override FeatureType Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            FeatureTypes.TryParse(reader.GetString() ?? "", out var type) ? type : throw new JsonException($"unknown feature type '{reader.GetString()}'");

        public override void Write(Utf8JsonWriter writer, FeatureType value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name());
    }

    private sealed class TimeSpanSecondsConverter : JsonConverter<TimeSpan>
    {
        public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TimeSpan.FromSeconds(reader.GetInt64());

        public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
            writer.WriteNumberValue((long)value.TotalSeconds);
    }
}
