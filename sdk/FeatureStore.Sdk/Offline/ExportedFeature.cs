using FeatureStore.Registry.Model;

namespace FeatureStore.Sdk.Offline;

/// <summary>One feature a training set exports: its view label (<c>view</c> or <c>view@N</c>), name, PII class and output column.</summary>
internal sealed record ExportedFeature(string View, string Feature, PiiClass Pii, string Column)
{
    public string Reference => $"{View}:{Feature}";

    /// <summary>
    /// The features <paramref name="request"/> selects from <paramref name="definitions"/>, with their output columns.
    /// References the registry does not hold are left out: the engine refuses them with its own message.
    /// </summary>
    public static IReadOnlyList<ExportedFeature> Of(RegistryDefinitions definitions, FeatureStore.Offline.TrainingSetRequest request)
    {
        var selected = new List<(string View, string Feature)>();
        if (request.FeatureService is { } serviceName)
        {
            var service = definitions.FeatureServices.FirstOrDefault(s => s.Name == serviceName);
            foreach (var selection in service?.Features ?? [])
            {
                selected.AddRange((selection.Features.Count == 0 ? ["*"] : selection.Features).Select(f => (selection.View, f)));
            }
        }
        else
        {
            foreach (var reference in request.Features)
            {
                var parts = reference.Split(':');
                if (parts.Length == 2)
                {
                    selected.Add((parts[0].Trim(), parts[1].Trim()));
                }
            }
        }

        var result = new List<ExportedFeature>();
        foreach (var (viewName, featureName) in selected)
        {
            var view = LiveViews.Find(definitions, viewName, out _)?.Definition;
            var features = view is null ? [] : featureName == "*" ? view.Features : view.Features.Where(f => f.Name == featureName);
            foreach (var feature in features)
            {
                if (!result.Any(r => r.View == viewName && r.Feature == feature.Name))
                {
                    result.Add(new ExportedFeature(viewName, feature.Name, feature.Pii, request.FullFeatureNames ? $"{viewName}__{feature.Name}" : feature.Name));
                }
            }
        }

        return result;
    }
}
