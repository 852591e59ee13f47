using FeatureStore.Registry.Model;
using YamlDotNet.RepresentationModel;

namespace FeatureStore.Registry.Yaml;

/// <summary>Reads one item of a <c>data_sources:</c> list (Parquet history: a file, directory or glob; optionally a <c>stream:</c> block).</summary>
internal static class DataSourceReader
{
    private static readonly string[] Keys =
        ["name", "path", "timestamp_field", "created_timestamp_field", "field_mapping", "description", "owner", "tags", "stream"];

    public static void Read(YamlNode node, YamlSource source, DefinitionSet set)
    {
        var positions = new ObjectPositions(source, node.Start);
        if (YamlMap.Open(node, "data source", source, Keys, positions) is not { } map || ObjectReading.Name(map, "data source") is not { } name)
        {
            return;
        }

        var mapping = map.StringMap("field_mapping");
        set.Add(
            new DataSourceDefinition(
                name,
                map.String("path") ?? "",
                map.String("timestamp_field") ?? "",
                map.String("created_timestamp_field"),
                mapping is { Count: > 0 } ? mapping : null,
                map.String("description"),
                map.String("owner"),
                ObjectReading.Tags(map),
                map.Get("stream") is { } stream ? StreamReader.Read(stream, name, source, positions) : null),
            positions);
    }
}
