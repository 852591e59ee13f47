using FeatureStore.Registry.Model;

namespace FeatureStore.Offline;

/// <summary>Turns feature references or a feature service into resolved views, checking names and output-column collisions.</summary>
internal static class FeatureResolver
{
    public static IReadOnlyList<ResolvedView> Resolve(RegistrySnapshot registry, TrainingSetRequest request)
    {
        var definitions = registry.Definitions;
        var selections = Selections(definitions, request);
        var views = new List<ResolvedView>();
        foreach (var (label, references) in selections)
        {
            var live = LiveViews.Find(definitions, label, out var problem)
                ?? throw new TrainingSetException($"{problem} in reference '{references[0].Reference}' (not in the applied registry)");
            var asOfCreated = request.IsAsOfCreated(live.Definition);
            // A pinned version joins under its label, so its columns and manifest entries say which version they are.
            var view = live.Definition with { Name = live.Label };
            var source = definitions.DataSources.FirstOrDefault(s => s.Name == view.Source)
                ?? throw new TrainingSetException($"feature view '{view.Name}' names data source '{view.Source}', which the registry does not hold");
            var toSource = SourceNames(source);
            var features = new List<ResolvedFeature>();
            foreach (var (reference, featureName) in references)
            {
                var picked = featureName == "*"
                    ? view.Features
                    : [view.Features.FirstOrDefault(f => f.Name == featureName)
                        ?? throw new TrainingSetException($"feature view '{view.Name}' has no feature '{featureName}' (reference '{reference}')")];
                foreach (var feature in picked)
                {
                    if (features.All(f => f.Definition.Name != feature.Name))
                    {
                        var output = request.FullFeatureNames ? $"{view.Name}__{feature.Name}" : feature.Name;
                        features.Add(new ResolvedFeature($"{view.Name}:{feature.Name}", feature, toSource(feature.Name), output));
                    }
                }
            }

            views.Add(new ResolvedView(
                view,
                registry.FeatureViewVersions.TryGetValue(live.Definition.Name, out var version) ? version : 0,
                source,
                SourceFiles.FullPath(source, request.RepoDir),
                JoinKeys(definitions, view, toSource),
                features,
                asOfCreated));
        }

        return views;
    }

    private static List<(string View, List<(string Reference, string Feature)> References)> Selections(RegistryDefinitions definitions, TrainingSetRequest request)
    {
        var result = new List<(string View, List<(string Reference, string Feature)> References)>();
        void Add(string view, string reference, string feature)
        {
            var entry = result.FirstOrDefault(r => r.View == view);
            if (entry.References is null)
            {
                entry = (view, []);
                result.Add(entry);
            }

            entry.References.Add((reference, feature));
        }

        if (request.FeatureService is { } serviceName)
        {
            if (request.Features.Count > 0)
            {
                throw new TrainingSetException("give either feature references or a feature service, not both");
            }

            var service = definitions.FeatureServices.FirstOrDefault(s => s.Name == serviceName)
                ?? throw new TrainingSetException($"unknown feature service '{serviceName}' (not in the applied registry)");
            foreach (var selection in service.Features)
            {
                foreach (var feature in selection.Features.Count == 0 ? ["*"] : selection.Features)
                {
                    Add(selection.View, $"{selection.View}:{feature}", feature);
                }
            }
        }
        else
        {
            if (request.Features.Count == 0)
            {
                throw new TrainingSetException("no features requested: give feature references view:feature or a feature service");
            }

            foreach (var reference in request.Features)
            {
                var parts = reference.Split(':');
                if (parts.Length != 2 || parts[0].Trim().Length == 0 || parts[1].Trim().Length == 0)
                {
                    throw new TrainingSetException($"invalid feature reference '{reference}': expected view:feature");
                }

                Add(parts[0].Trim(), reference, parts[1].Trim());
            }
        }

        return result;
    }

    private static List<ResolvedJoinKey> JoinKeys(RegistryDefinitions definitions, FeatureViewDefinition view, Func<string, string> toSource)
    {
        var keys = new List<ResolvedJoinKey>();
        foreach (var entityName in view.Entities)
        {
            var entity = definitions.Entities.FirstOrDefault(e => e.Name == entityName)
                ?? throw new TrainingSetException($"feature view '{view.Name}' names entity '{entityName}', which the registry does not hold");
            foreach (var key in entity.JoinKeys)
            {
                if (keys.All(k => k.Name != key.Name))
                {
                    keys.Add(new ResolvedJoinKey(key.Name, toSource(key.Name), key.Type, entity.Name));
                }
            }
        }

        return keys;
    }

    /// <summary>Maps a view-side name back to its source column (field_mapping is source name → view name).</summary>
    internal static Func<string, string> SourceNames(DataSourceDefinition source)
    {
        var reverse = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (sourceName, viewName) in source.FieldMapping ?? new Dictionary<string, string>())
        {
            reverse[viewName] = sourceName;
        }

        return name => reverse.TryGetValue(name, out var sourceName) ? sourceName : name;
    }
}
