using FeatureStore.Registry.Model;

namespace FeatureStore.Registry.Validation;

/// <summary>
/// Quality blocks and as_of_created: rules name known features, min ≤ max, min/max only on numeric features,
/// allowed values only on string/int/bool features (and parse as the feature's type), max_null_fraction in [0, 1];
/// as_of_created needs a source with a created_timestamp_field.
/// </summary>
internal static class QualityRules
{
    public static void Check(RegistryDefinitions definitions, ProblemCollector problems)
    {
        var sources = definitions.DataSources
            .GroupBy(s => s.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var view in definitions.FeatureViews)
        {
            if (view.AsOfCreated && sources.TryGetValue(view.Source, out var source) && source.CreatedTimestampField is null)
            {
                problems.Add(ObjectKind.FeatureView, view.Name, "as_of_created",
                    $"feature view '{view.Name}' sets as_of_created but its source '{source.Name}' has no created_timestamp_field");
            }

            if (view.Quality is { } quality)
            {
                CheckQuality(view, quality, problems);
            }
        }
    }

    private static void CheckQuality(FeatureViewDefinition view, QualityDefinition quality, ProblemCollector problems)
    {
        if (quality.MaxNullFraction is { } fraction and (< 0 or > 1))
        {
            problems.Add(ObjectKind.FeatureView, view.Name, "quality.max_null_fraction",
                $"max_null_fraction of feature view '{view.Name}' must be between 0 and 1, found {fraction}");
        }

        var features = view.Features.GroupBy(f => f.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Type, StringComparer.Ordinal);
        for (var i = 0; i < quality.Rules.Count; i++)
        {
            var rule = quality.Rules[i];
            var field = $"quality.rules[{i}]";
            if (!features.TryGetValue(rule.Feature, out var type))
            {
                problems.Add(ObjectKind.FeatureView, view.Name, field + ".feature",
                    $"quality rule of feature view '{view.Name}' names unknown feature '{rule.Feature}' ({DefinitionNames.Known(features.Keys)})");
                continue;
            }

            CheckRule(view, rule, type, field, problems);
        }
    }

    private static void CheckRule(FeatureViewDefinition view, QualityRule rule, FeatureType type, string field, ProblemCollector problems)
    {
        var what = $"quality rule on feature '{rule.Feature}' ({type.Name()}) of feature view '{view.Name}'";
        if (rule.Min is { } min && rule.Max is { } max && min > max)
        {
            problems.Add(ObjectKind.FeatureView, view.Name, field + ".min", $"{what} has min {min} greater than max {max}");
        }

        var numeric = type is FeatureType.Int32 or FeatureType.Int64 or FeatureType.Float32 or FeatureType.Float64;
        if (!numeric && (rule.Min is not null || rule.Max is not null))
        {
            problems.Add(ObjectKind.FeatureView, view.Name, field + (rule.Min is not null ? ".min" : ".max"),
                $"{what}: min/max apply to numeric features (int32, int64, float32, float64) only");
        }

        if (rule.Allowed is not { } allowed)
        {
            return;
        }

        if (type is not (FeatureType.String or FeatureType.Int32 or FeatureType.Int64 or FeatureType.Bool))
        {
            problems.Add(ObjectKind.FeatureView, view.Name, field + ".allowed",
                $"{what}: allowed values apply to string, int32, int64 and bool features only");
        }
        else if (allowed.Count == 0)
        {
            problems.Add(ObjectKind.FeatureView, view.Name, field + ".allowed", $"{what} has an empty allowed list; no value could pass");
        }
        else if (allowed.FirstOrDefault(value => !FitsType(value, type)) is { } bad)
        {
            problems.Add(ObjectKind.FeatureView, view.Name, field + ".allowed", $"{what}: allowed value '{bad}' is not a {type.Name()}");
        }
    }

    private static bool FitsType(string value, FeatureType type) => type switch
    {
        FeatureType.Int32 => int.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _),
        FeatureType.Int64 => long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _),
        FeatureType.Bool => value is "true" or "false",
        _ => true,
    };
}
