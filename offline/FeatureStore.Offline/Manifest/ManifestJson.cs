using System.Text.Json;

namespace FeatureStore.Offline;

/// <summary>The manifest's JSON form (snake_case, indented) and where it lives: beside the output as <c>OUTPUT.manifest.json</c>.</summary>
public static class ManifestJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
    };

    public static string PathFor(string outputPath) => outputPath + ".manifest.json";

    public static string Serialize(TrainingSetManifest manifest) => JsonSerializer.Serialize(manifest, Options);

    public static TrainingSetManifest Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new TrainingSetException($"manifest not found: {path}");
        }

        try
        {
            return JsonSerializer.Deserialize<TrainingSetManifest>(File.ReadAllText(path), Options)
                ?? throw new TrainingSetException($"manifest {path} is empty");
        }
        catch (JsonException e)
        {
            throw new TrainingSetException($"manifest {path} is not a training-set manifest: {e.Message}", e);
        }
    }
}
