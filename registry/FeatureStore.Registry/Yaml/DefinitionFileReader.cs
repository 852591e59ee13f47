using YamlDotNet.RepresentationModel;

namespace FeatureStore.Registry.Yaml;

/// <summary>Reads one definitions file (any *.yaml of the repo but featurestore.yaml): top-level lists of entities, data sources, feature views and feature services.</summary>
internal static class DefinitionFileReader
{
    private static readonly string[] Keys = ["entities", "data_sources", "feature_views", "feature_services"];

    public static void Read(string text, YamlSource source, DefinitionSet set)
    {
        foreach (var document in YamlFileParser.Parse(text, source))
        {
            if (YamlNodes.IsNull(document.RootNode))
            {
                continue;
            }

            if (document.RootNode is not YamlMappingNode)
            {
                source.Report(document.RootNode.Start,
                    $"this file is not feature definitions: expected a mapping with keys {string.Join(", ", Keys)}, found {YamlNodes.Describe(document.RootNode)}");
                continue;
            }

            if (YamlMap.Open(document.RootNode, "definitions file", source, Keys) is not { } map)
            {
                continue;
            }

            ReadAll(map, "entities", "entities", source, set, EntityReader.Read);
            ReadAll(map, "data_sources", "data sources", source, set, DataSourceReader.Read);
            ReadAll(map, "feature_views", "feature views", source, set, FeatureViewReader.Read);
            ReadAll(map, "feature_services", "feature services", source, set, FeatureServiceReader.Read);
        }
    }

    private static void ReadAll(
        YamlMap map, string key, string what, YamlSource source, DefinitionSet set, Action<YamlNode, YamlSource, DefinitionSet> read)
    {
        foreach (var item in map.List(key, what) ?? [])
        {
            read(item, source, set);
        }
    }
}
