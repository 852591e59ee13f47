using FeatureStore.Registry.Model;
using YamlDotNet.RepresentationModel;

namespace FeatureStore.Registry.Yaml;

/// <summary>Reads shared by every object reader: the required name, tags, feature types.</summary>
internal static class ObjectReading
{
    /// <summary>The object's name, or null (reported) when it is missing: an object without a name cannot be referenced or located.</summary>
    public static string? Name(YamlMap map, string what)
    {
        var name = map.String("name");
        if (name is null)
        {
            map.Report(map.Node, $"{what} is missing required key 'name'");
        }

        return name;
    }

    /// <summary>Tags; an empty map means no tags.</summary>
    public static Dictionary<string, string>? Tags(YamlMap map) => map.StringMap("tags") is { Count: > 0 } tags ? tags : null;

    /// <summary>The 'type' key as a <see cref="FeatureType"/>; missing or unknown types are reported and <paramref name="fallback"/> is returned so reading goes on.</summary>
    public static FeatureType Type(YamlMap map, string what, FeatureType fallback)
    {
        var valid = string.Join(", ", FeatureTypes.Names);
        if (map.Get("type") is not { } node)
        {
            map.Report(map.Node, $"{what} is missing required key 'type' (one of {valid})");
            return fallback;
        }

        if (node is YamlScalarNode { Value: { } text } && FeatureTypes.TryParse(text, out var type))
        {
            return type;
        }

        var found = node is YamlScalarNode { Value: { } name } ? $"'{name}'" : YamlNodes.Describe(node);
        map.Report(node, $"unknown type {found} for {what}; valid types: {valid}");
        return fallback;
    }
}
