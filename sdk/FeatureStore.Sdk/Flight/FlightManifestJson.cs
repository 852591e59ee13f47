using System.Text.Json;
using FeatureStore.Offline;

namespace FeatureStore.Sdk.Flight;

/// <summary>Reads the manifest JSON the server sends with the first batch (the form of <see cref="ManifestJson"/>).</summary>
internal static class FlightManifestJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
    };

    /// <exception cref="FormatException">Not a training-set manifest.</exception>
    public static TrainingSetManifest Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize<TrainingSetManifest>(json, Options) ?? throw new FormatException("the manifest is JSON null");
        }
        catch (JsonException e)
        {
            throw new FormatException($"the first batch's app metadata is not a training-set manifest: {e.Message}", e);
        }
    }
}
