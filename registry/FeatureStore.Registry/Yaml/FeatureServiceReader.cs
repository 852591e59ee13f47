using FeatureStore.Registry.Model;
using YamlDotNet.RepresentationModel;

namespace FeatureStore.Registry.Yaml;

/// <summary>
/// Reads one item of a <c>feature_services:</c> list. Each entry of its <c>features:</c> list maps a view to a list
/// of that view's feature names, or to "*" for all of them. Selection k is located as "features[k]" (the view name)
/// and its j-th feature as "features[k].features[j]".
/// </summary>
internal static class FeatureServiceReader
{
    private const string SelectionShape = "'view: [feature, ...]' or 'view: \"*\"'";
    private static readonly string[] Keys = ["name", "owner", "description", "tags", "features"];

    public static void Read(YamlNode node, YamlSource source, DefinitionSet set)
    {
        var positions = new ObjectPositions(source, node.Start);
        if (YamlMap.Open(node, "feature service", source, Keys, positions) is not { } map
            || ObjectReading.Name(map, "feature service") is not { } name)
        {
            return;
        }

        var selections = new List<FeatureSelection>();
        foreach (var item in map.List("features", $"view selections ({SelectionShape})", recordItems: false) ?? [])
        {
            if (item is not YamlMappingNode mapping)
            {
                source.Report(item.Start, $"expected a view selection ({SelectionShape}), found {YamlNodes.Describe(item)}");
                continue;
            }

            foreach (var (viewNode, featuresNode) in mapping.Children)
            {
                if (ReadSelection(viewNode, featuresNode, source, positions, $"features[{selections.Count}]") is { } selection)
                {
                    selections.Add(selection);
                }
            }
        }

        set.Add(
            new FeatureServiceDefinition(name, selections, map.String("owner") ?? "", map.String("description"), ObjectReading.Tags(map)),
            positions);
    }

    private static FeatureSelection? ReadSelection(YamlNode viewNode, YamlNode featuresNode, YamlSource source, ObjectPositions positions, string path)
    {
        if (viewNode is not YamlScalarNode { Value: { Length: > 0 } view })
        {
            source.Report(viewNode.Start, $"expected a feature view name as the key of a selection, found {YamlNodes.Describe(viewNode)}");
            return null;
        }

        positions.Add(path, viewNode.Start);
        if (featuresNode is YamlScalarNode { Value: "*" })
        {
            return new FeatureSelection(view, []);
        }

        // After a reported problem the selection is kept as "all features" so the service does not also look empty.
        var placeholder = new FeatureSelection(view, []);
        if (featuresNode is not YamlSequenceNode { Children.Count: > 0 } list)
        {
            source.Report(featuresNode.Start, $"expected a list of feature names of '{view}' or \"*\" for all of them, found {YamlNodes.Describe(featuresNode)}");
            return placeholder;
        }

        var names = new List<string>();
        foreach (var item in list.Children)
        {
            if (item is YamlScalarNode { Value: { Length: > 0 } feature } && !YamlNodes.IsNull(item))
            {
                positions.Add($"{path}.features[{names.Count}]", item.Start);
                names.Add(feature);
            }
            else
            {
                source.Report(item.Start, $"expected a feature name of '{view}', found {YamlNodes.Describe(item)}");
            }
        }

        return names.Count == 0 ? placeholder : new FeatureSelection(view, names);
    }
}
