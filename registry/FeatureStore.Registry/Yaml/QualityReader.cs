using System.Globalization;
using FeatureStore.Registry.Model;
using YamlDotNet.RepresentationModel;

namespace FeatureStore.Registry.Yaml;

/// <summary>Reads a feature view's <c>quality:</c> block (policy, max_null_fraction, rules). Positions are recorded under "quality.".</summary>
internal static class QualityReader
{
    private const string Prefix = "quality.";
    private static readonly string[] Keys = ["policy", "max_null_fraction", "rules"];
    private static readonly string[] RuleKeys = ["feature", "not_null", "min", "max", "allowed"];

    public static QualityDefinition? Read(YamlNode node, YamlSource source, ObjectPositions positions)
    {
        if (YamlMap.Open(node, "quality block", source, Keys, positions, Prefix) is not { } map)
        {
            return null;
        }

        var policy = map.Parse("policy", "a quality policy: fail, quarantine or warn", ParsePolicy);
        if (policy is null && !map.Has("policy"))
        {
            map.Report(map.Node, "quality block is missing required key 'policy' (fail, quarantine or warn)");
        }

        var rules = new List<QualityRule>();
        var items = map.List("rules", "rules ({feature: ..., not_null/min/max/allowed: ...})") ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            if (ReadRule(items[i], source, positions, $"{Prefix}rules[{i}].") is { } rule)
            {
                rules.Add(rule);
            }
        }

        return new QualityDefinition(policy ?? QualityPolicy.Fail, rules, Number(map, "max_null_fraction"));
    }

    private static QualityRule? ReadRule(YamlNode node, YamlSource source, ObjectPositions positions, string prefix)
    {
        if (YamlMap.Open(node, "quality rule", source, RuleKeys, positions, prefix) is not { } map)
        {
            return null;
        }

        var feature = map.String("feature");
        if (feature is null)
        {
            map.Report(map.Node, "quality rule is missing required key 'feature'");
            return null;
        }

        return new QualityRule(feature, map.Bool("not_null") ?? false, Number(map, "min"), Number(map, "max"), map.NameList("allowed", "allowed values"));
    }

    private static double? Number(YamlMap map, string key) => map.Parse(key, "a number", text =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : (double?)null);

    private static QualityPolicy? ParsePolicy(string text) => text.Trim() switch
    {
        "fail" => QualityPolicy.Fail,
        "quarantine" => QualityPolicy.Quarantine,
        "warn" => QualityPolicy.Warn,
        _ => null,
    };
}
