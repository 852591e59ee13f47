using System.Text.Json;

namespace FeatureStore.Sdk.Flight;

/// <summary>Parses the JSON form of <see cref="OfflineFlightRequest"/> field by field, so an error names the field at fault.</summary>
internal static class OfflineFlightRequestJson
{
    public const string Features = "features";
    public const string FeatureService = "feature_service";
    public const string FullFeatureNames = "full_feature_names";
    public const string AsOfCreated = "as_of_created";
    public const string StatusColumns = "status_columns";
    public const string TimestampColumn = "timestamp_column";
    public const string SpinePath = "spine_path";
    public const string Purpose = "purpose";
    public const string Mask = "mask";

    private static readonly string[] Fields = [Features, FeatureService, FullFeatureNames, AsOfCreated, StatusColumns, TimestampColumn, SpinePath, Purpose, Mask];

    public static OfflineFlightRequest Parse(ReadOnlySpan<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray());
        }
        catch (JsonException e)
        {
            throw new FormatException($"the request is not JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"the request must be a JSON object with {string.Join(", ", Fields)}; got {Kind(root)}");
            }

            var request = new OfflineFlightRequest();
            foreach (var field in root.EnumerateObject())
            {
                request = field.Name switch
                {
                    Features => request with { Features = StringArray(field) },
                    FeatureService => request with { FeatureService = Text(field) },
                    FullFeatureNames => request with { FullFeatureNames = Boolean(field) },
                    AsOfCreated => request with { AsOfCreated = Boolean(field) },
                    StatusColumns => request with { StatusColumns = Boolean(field) },
                    TimestampColumn => request with { TimestampColumn = Text(field) },
                    SpinePath => request with { SpinePath = Text(field) },
                    Purpose => request with { Purpose = Text(field) },
                    Mask => request with { Mask = Boolean(field) },
                    _ => throw new FormatException($"unknown request field '{field.Name}' (fields: {string.Join(", ", Fields)})"),
                };
            }

            if ((request.FeatureService is null) == (request.Features.Count == 0))
            {
                throw new FormatException(request.FeatureService is null
                    ? $"the request names no features: give '{Features}' (view:feature references) or '{FeatureService}'"
                    : $"the request gives both '{Features}' and '{FeatureService}': give one");
            }

            return request;
        }
    }

    private static string Text(JsonProperty field) =>
        field.Value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(field.Value.GetString())
            ? field.Value.GetString()!
            : throw new FormatException($"request field '{field.Name}' must be a non-empty string; got {Kind(field.Value)}");

    private static bool Boolean(JsonProperty field) => field.Value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new FormatException($"request field '{field.Name}' must be true or false; got {Kind(field.Value)}"),
    };

    private static List<string> StringArray(JsonProperty field)
    {
        if (field.Value.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"request field '{field.Name}' must be an array of view:feature strings; got {Kind(field.Value)}");
        }

        var values = new List<string>();
        var index = 0;
        foreach (var item in field.Value.EnumerateArray())
        {
            values.Add(item.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(item.GetString())
                ? item.GetString()!
                : throw new FormatException($"request field '{field.Name}'[{index}] must be a view:feature string; got {Kind(item)}"));
            index++;
        }

        return values;
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };
}
