namespace FeatureStore.Registry.Model;

/// <summary>Value types a feature (or a join key) can have. Names in YAML are the lower-case spellings in <see cref="FeatureTypes"/>.</summary>
public enum FeatureType
{
    Int32,
    Int64,
    Float32,
    Float64,
    Bool,
    String,
    Bytes,
    Timestamp,
    Float32List,
    Float64List,
}

/// <summary>Spelling of <see cref="FeatureType"/> in definitions: int32, int64, float32, float64, bool, string, bytes, timestamp, list&lt;float32&gt;, list&lt;float64&gt;.</summary>
public static class FeatureTypes
{
    private static readonly Dictionary<string, FeatureType> ByName = new(StringComparer.Ordinal)
    {
        ["int32"] = FeatureType.Int32,
        ["int64"] = FeatureType.Int64,
        ["float32"] = FeatureType.Float32,
        ["float64"] = FeatureType.Float64,
        ["bool"] = FeatureType.Bool,
        ["string"] = FeatureType.String,
        ["bytes"] = FeatureType.Bytes,
        ["timestamp"] = FeatureType.Timestamp,
        ["list<float32>"] = FeatureType.Float32List,
        ["list<float64>"] = FeatureType.Float64List,
    };

    /// <summary>Every accepted spelling, for error messages.</summary>
    public static IReadOnlyCollection<string> Names => ByName.Keys;

    public static bool TryParse(string text, out FeatureType type) => ByName.TryGetValue(text.Trim(), out type);

    public static string Name(this FeatureType type) => type switch
    {
        FeatureType.Float32List => "list<float32>",
        FeatureType.Float64List => "list<float64>",
        _ => type.ToString().ToLowerInvariant(),
    };

    /// <summary>Types allowed for entity join keys: exact-match values only.</summary>
    public static bool IsValidJoinKeyType(this FeatureType type) =>
        type is FeatureType.Int32 or FeatureType.Int64 or FeatureType.String or FeatureType.Bytes;
}
