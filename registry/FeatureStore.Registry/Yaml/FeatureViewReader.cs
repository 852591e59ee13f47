using FeatureStore.Registry.Model;
using YamlDotNet.RepresentationModel;

namespace FeatureStore.Registry.Yaml;

/// <summary>Reads one item of a <c>feature_views:</c> list with its features. Missing values are left empty for the validator to report.</summary>
internal static class FeatureViewReader
{
    private static readonly string[] Keys =
        ["name", "entities", "source", "ttl", "online", "owner", "description", "tags", "version", "keep_versions", "features", "quality", "as_of_created"];

    private static readonly string[] FeatureKeys = ["name", "type", "description", "pii", "tags"];

    public static void Read(YamlNode node, YamlSource source, DefinitionSet set)
    {
        var positions = new ObjectPositions(source, node.Start);
        if (YamlMap.Open(node, "feature view", source, Keys, positions) is not { } map || ObjectReading.Name(map, "feature view") is not { } name)
        {
            return;
        }

        var features = new List<FeatureDefinition>();
        var items = map.List("features", "features ({name: ..., type: ...})") ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            if (ReadFeature(items[i], source, positions, $"features[{i}].") is { } feature)
            {
                features.Add(feature);
            }
        }

        set.Add(
            new FeatureViewDefinition(
                name,
                map.NameList("entities", "entity names") ?? [],
                features,
                map.String("source") ?? "",
                map.String("owner") ?? "",
                map.Duration("ttl"),
                map.Bool("online") ?? true,
                map.String("description"),
                ObjectReading.Tags(map),
                map.Int("version") ?? 1,
                map.Get("quality") is { } quality ? QualityReader.Read(quality, source, positions) : null,
                map.Bool("as_of_created") ?? false,
                map.Int("keep_versions")),
            positions);
    }

    private static FeatureDefinition? ReadFeature(YamlNode node, YamlSource source, ObjectPositions positions, string prefix)
    {
        if (YamlMap.Open(node, "feature", source, FeatureKeys, positions, prefix) is not { } map
            || ObjectReading.Name(map, "feature") is not { } name)
        {
            return null;
        }

        var pii = map.Parse("pii", "a PII class: none, personal or sensitive", PiiClasses.Parse) ?? PiiClass.None;
        return new FeatureDefinition(
            name,
            ObjectReading.Type(map, $"feature '{name}'", FeatureType.String),
            map.String("description"),
            pii,
            ObjectReading.Tags(map));
    }
}
