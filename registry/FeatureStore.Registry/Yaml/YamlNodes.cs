using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FeatureStore.Registry.Yaml;

/// <summary>Small facts about representation-model nodes used by the readers and their messages.</summary>
internal static class YamlNodes
{
    /// <summary>True for an absent value: an empty plain scalar, <c>~</c> or <c>null</c>.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar
        && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    /// <summary>"a list", "a mapping", "a scalar ('x')" — what was found where something else was expected.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        YamlScalarNode when IsNull(node) => "nothing",
        YamlScalarNode scalar => $"a scalar ('{Shorten(scalar.Value ?? "")}')",
        _ => "an alias",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
