using FeatureStore.Registry.Model;

namespace FeatureStore.Registry.Validation;

/// <summary>
/// Feature services: an owner, at least one selection, known views and features, no view or feature selected twice,
/// and no output feature name contributed by two views (a feature-name collision inside the service).
/// </summary>
internal static class FeatureServiceRules
{
    public static void Check(RegistryDefinitions definitions, ProblemCollector problems)
    {
        var views = definitions.FeatureViews
            .GroupBy(v => v.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        foreach (var service in definitions.FeatureServices)
        {
            if (string.IsNullOrWhiteSpace(service.Owner))
            {
                problems.Add(ObjectKind.FeatureService, service.Name, "owner",
                    $"feature service '{service.Name}' has no owner; every feature service needs one (owner: <team or person answerable for it>)");
            }

            if (service.Features.Count == 0)
            {
                problems.Add(ObjectKind.FeatureService, service.Name, "features", $"feature service '{service.Name}' selects no features");
                continue;
            }

            CheckSelections(service, views, problems);
        }
    }

    private static void CheckSelections(FeatureServiceDefinition service, Dictionary<string, FeatureViewDefinition> views, ProblemCollector problems)
    {
        var selectedViews = new HashSet<string>(StringComparer.Ordinal);
        var outputNames = new Dictionary<string, string>(StringComparer.Ordinal); // feature name -> view it came from
        for (var i = 0; i < service.Features.Count; i++)
        {
            var selection = service.Features[i];
            var field = $"features[{i}]";
            (string Name, int? Version) label;
            try
            {
                label = LiveViews.Parse(selection.View);
            }
            catch (FormatException e)
            {
                problems.Add(ObjectKind.FeatureService, service.Name, field, $"feature service '{service.Name}': {e.Message}");
                continue;
            }

            if (!views.TryGetValue(label.Name, out var view))
            {
                problems.Add(ObjectKind.FeatureService, service.Name, field,
                    $"feature service '{service.Name}' selects from unknown feature view '{label.Name}' ({DefinitionNames.Known(views.Keys)})");
                continue;
            }

            if (!selectedViews.Add(selection.View))
            {
                problems.Add(ObjectKind.FeatureService, service.Name, field,
                    $"feature view '{selection.View}' is selected twice in feature service '{service.Name}'; list all its features in one selection");
                continue;
            }

            // An older pinned version is only known to the registry: the planner checks its features.
            if (label.Version is { } pinned && pinned != view.Version)
                continue;
            var picked = selection.Features.Count == 0
                ? view.Features.Select(f => (f.Name, Field: field))
                : PickNamed(service.Name, selection, view, field, problems);
            foreach (var (name, featureField) in picked)
            {
                if (!outputNames.TryAdd(name, selection.View))
                {
                    problems.Add(ObjectKind.FeatureService, service.Name, featureField,
                        $"feature-name collision in feature service '{service.Name}': '{name}' is selected from both feature views '{outputNames[name]}' and '{selection.View}'");
                }
            }
        }
    }

    /// <summary>Checks each named feature and returns the ones that exist, once each, with their field path.</summary>
    private static List<(string Name, string Field)> PickNamed(
        string serviceName, FeatureSelection selection, FeatureViewDefinition view, string field, ProblemCollector problems)
    {
        var known = view.Features.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var picked = new List<(string, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var j = 0; j < selection.Features.Count; j++)
        {
            var name = selection.Features[j];
            var featureField = $"{field}.features[{j}]";
            if (!known.Contains(name))
            {
                problems.Add(ObjectKind.FeatureService, serviceName, featureField,
                    $"feature view '{view.Name}' has no feature '{name}' (its features: {string.Join(", ", view.Features.Select(f => f.Name))})");
            }
            else if (!seen.Add(name))
            {
                problems.Add(ObjectKind.FeatureService, serviceName, featureField,
                    $"feature '{name}' of feature view '{view.Name}' is selected twice in feature service '{serviceName}'");
            }
            else
            {
                picked.Add((name, featureField));
            }
        }

        return picked;
    }
}
