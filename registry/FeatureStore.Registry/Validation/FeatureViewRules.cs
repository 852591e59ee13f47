using FeatureStore.Registry.Model;
using FeatureStore.Registry.Yaml;

namespace FeatureStore.Registry.Validation;

/// <summary>
/// Feature views: known entities and source, join keys that do not collide across the view's entities,
/// at least one feature, distinct feature names that are not join keys, positive TTL, version ≥ 1, an owner.
/// </summary>
internal static class FeatureViewRules
{
    /// <summary>Each live version is materialized and stored online, so the count stays small.</summary>
    public const int MaxKeptVersions = 5;

    public static void Check(RegistryDefinitions definitions, ProblemCollector problems)
    {
        var entities = definitions.Entities
            .GroupBy(e => e.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var sources = definitions.DataSources.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

        foreach (var view in definitions.FeatureViews)
        {
            var joinKeys = CheckEntities(view, entities, problems);
            CheckSource(view, sources, problems);
            CheckFeatures(view, joinKeys, problems);
            CheckSettings(view, problems);
        }
    }

    /// <summary>Checks the entity references and returns the view's join keys with the entity each comes from.</summary>
    private static Dictionary<string, string> CheckEntities(
        FeatureViewDefinition view, Dictionary<string, EntityDefinition> entities, ProblemCollector problems)
    {
        var joinKeys = new Dictionary<string, string>(StringComparer.Ordinal);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < view.Entities.Count; i++)
        {
            var name = view.Entities[i];
            var field = $"entities[{i}]";
            if (!entities.TryGetValue(name, out var entity))
            {
                problems.Add(ObjectKind.FeatureView, view.Name, field,
                    $"feature view '{view.Name}' uses unknown entity '{name}' ({DefinitionNames.Known(entities.Keys)})");
                continue;
            }

            if (!listed.Add(name))
            {
                problems.Add(ObjectKind.FeatureView, view.Name, field, $"entity '{name}' is listed twice in feature view '{view.Name}'");
                continue;
            }

            foreach (var key in entity.JoinKeys.DistinctBy(k => k.Name, StringComparer.Ordinal))
            {
                if (!joinKeys.TryAdd(key.Name, name))
                {
                    problems.Add(ObjectKind.FeatureView, view.Name, field,
                        $"entities '{joinKeys[key.Name]}' and '{name}' of feature view '{view.Name}' both have join key '{key.Name}'; a view's join keys must be distinct");
                }
            }
        }

        return joinKeys;
    }

    private static void CheckSource(FeatureViewDefinition view, HashSet<string> sources, ProblemCollector problems)
    {
        if (string.IsNullOrWhiteSpace(view.Source))
        {
            problems.Add(ObjectKind.FeatureView, view.Name, "source",
                $"feature view '{view.Name}' has no source; name the data source it reads (source: <data source name>)");
        }
        else if (!sources.Contains(view.Source))
        {
            problems.Add(ObjectKind.FeatureView, view.Name, "source",
                $"feature view '{view.Name}' reads unknown data source '{view.Source}' ({DefinitionNames.Known(sources)})");
        }
    }

    private static void CheckFeatures(FeatureViewDefinition view, Dictionary<string, string> joinKeys, ProblemCollector problems)
    {
        if (view.Features.Count == 0)
        {
            problems.Add(ObjectKind.FeatureView, view.Name, "features", $"feature view '{view.Name}' has no features");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < view.Features.Count; i++)
        {
            var feature = view.Features[i];
            var field = $"features[{i}]";
            if (!DefinitionNames.IsIdentifier(feature.Name))
            {
                problems.Add(ObjectKind.FeatureView, view.Name, field, DefinitionNames.InvalidMessage("feature", feature.Name));
            }
            else if (!seen.Add(feature.Name))
            {
                problems.Add(ObjectKind.FeatureView, view.Name, field, $"feature '{feature.Name}' is declared twice in feature view '{view.Name}'");
            }
            else if (joinKeys.TryGetValue(feature.Name, out var entity))
            {
                problems.Add(ObjectKind.FeatureView, view.Name, field,
                    $"feature '{feature.Name}' of feature view '{view.Name}' has the name of join key '{feature.Name}' of entity '{entity}'; rename the feature");
            }
        }
    }

    private static void CheckSettings(FeatureViewDefinition view, ProblemCollector problems)
    {
        if (view.Ttl is { } ttl && ttl <= TimeSpan.Zero)
        {
            problems.Add(ObjectKind.FeatureView, view.Name, "ttl",
                $"ttl of feature view '{view.Name}' must be positive, found {DurationParser.Format(ttl)}; leave ttl out for values that never expire");
        }

        if (view.Version < 1)
        {
            problems.Add(ObjectKind.FeatureView, view.Name, "version",
                $"version of feature view '{view.Name}' must be 1 or more, found {view.Version}");
        }

        if (view.KeepVersions is { } keep && keep is < 1 or > MaxKeptVersions)
        {
            problems.Add(ObjectKind.FeatureView, view.Name, "keep_versions",
                $"keep_versions of feature view '{view.Name}' must be 1 to {MaxKeptVersions} (how many declared versions stay live), found {keep}");
        }

        if (string.IsNullOrWhiteSpace(view.Owner))
        {
            problems.Add(ObjectKind.FeatureView, view.Name, "owner",
                $"feature view '{view.Name}' has no owner; every feature view needs one (owner: <team or person answerable for it>)");
        }
    }
}
