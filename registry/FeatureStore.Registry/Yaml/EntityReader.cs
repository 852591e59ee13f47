using FeatureStore.Registry.Model;
using YamlDotNet.RepresentationModel;

namespace FeatureStore.Registry.Yaml;

/// <summary>Reads one item of an <c>entities:</c> list.</summary>
internal static class EntityReader
{
    private static readonly string[] Keys = ["name", "join_keys", "description", "owner", "tags"];
    private static readonly string[] JoinKeyKeys = ["name", "type"];

    public static void Read(YamlNode node, YamlSource source, DefinitionSet set)
    {
        var positions = new ObjectPositions(source, node.Start);
        if (YamlMap.Open(node, "entity", source, Keys, positions) is not { } map || ObjectReading.Name(map, "entity") is not { } name)
        {
            return;
        }

        var joinKeys = new List<JoinKey>();
        var items = map.List("join_keys", "join keys ({name: ..., type: ...})") ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            if (ReadJoinKey(items[i], source, positions, $"join_keys[{i}].") is { } key)
            {
                joinKeys.Add(key);
            }
        }

        set.Add(new EntityDefinition(name, joinKeys, map.String("description"), map.String("owner"), ObjectReading.Tags(map)), positions);
    }

    private static JoinKey? ReadJoinKey(YamlNode node, YamlSource source, ObjectPositions positions, string prefix)
    {
        // The short form "join_keys: [driver_id]" is refused on purpose: key types must be explicit.
        if (node is YamlScalarNode { Value: { Length: > 0 } shortName })
        {
            source.Report(node.Start, $"join key '{shortName}' needs an explicit type: write {{name: {shortName}, type: int64}} (join key types: int32, int64, string, bytes)");
            return new JoinKey(shortName, FeatureType.Int64);
        }

        if (YamlMap.Open(node, "join key", source, JoinKeyKeys, positions, prefix) is not { } map
            || ObjectReading.Name(map, "join key") is not { } name)
        {
            return null;
        }

        return new JoinKey(name, ObjectReading.Type(map, $"join key '{name}'", FeatureType.Int64));
    }
}
