using FeatureStore.Registry.Model;
using FeatureStore.Registry.Validation;

namespace FeatureStore.Registry.Planning;

/// <summary>
/// Carries older declared versions of each view forward from the registry (up to <c>keep_versions</c> live in all), and
/// checks what pins them: a feature service selecting <c>view@N</c> needs version N live with the features it names,
/// and a retained version needs its source and entities to stay registered.
/// </summary>
internal static class RetainedVersions
{
    public static RegistryDefinitions Carry(RegistryDefinitions desired, RegistryDefinitions registered)
    {
        var before = registered.FeatureViews.ToDictionary(v => v.Name, StringComparer.Ordinal);
        return desired with { FeatureViews = [.. desired.FeatureViews.Select(v => Carry(v, before.GetValueOrDefault(v.Name)))] };
    }

    private static FeatureViewDefinition Carry(FeatureViewDefinition wanted, FeatureViewDefinition? existing)
    {
        var keep = Math.Max(wanted.KeepVersions ?? 1, 1) - 1;
        if (existing is null || keep == 0)
            return wanted with { RetainedVersions = null };
        var older = existing.Version == wanted.Version ? [] : new[] { existing with { KeepVersions = null, RetainedVersions = null } };
        var retained = older
            .Concat(existing.RetainedVersions ?? [])
            .Where(v => v.Version != wanted.Version)
            .OrderByDescending(v => v.Version)
            .Take(keep)
            .ToList();
        return wanted with { RetainedVersions = retained.Count > 0 ? retained : null };
    }

    /// <exception cref="DefinitionException">A pinned version is not live, lacks a selected feature, or lost its source or entity.</exception>
    public static void Check(RegistryDefinitions desired, RegistryDefinitions registered, bool deleteMissing)
    {
        var problems = new List<DefinitionProblem>();
        foreach (var service in desired.FeatureServices)
        {
            for (var i = 0; i < service.Features.Count; i++)
            {
                var selection = service.Features[i];
                if (LiveViews.Parse(selection.View).Version is null)
                    continue;
                var location = $"feature service '{service.Name}' features[{i}]";
                if (LiveViews.Find(desired, selection.View, out var problem) is not { } live)
                {
                    problems.Add(new DefinitionProblem(location, $"selects '{selection.View}': {problem}"));
                    continue;
                }

                var missing = selection.Features.Where(f => live.Definition.Features.All(d => d.Name != f)).ToList();
                if (missing.Count > 0)
                {
                    problems.Add(new DefinitionProblem(location,
                        $"version {live.Definition.Version} of feature view '{live.Definition.Name}' has no feature {string.Join(", ", missing.Select(m => $"'{m}'"))} " +
                        $"(its features: {string.Join(", ", live.Definition.Features.Select(f => f.Name))})"));
                }
            }
        }

        bool Kept<T>(IReadOnlyList<T> wanted, IReadOnlyList<T> stored, Func<T, string> name, string value) =>
            wanted.Any(o => name(o) == value) || (!deleteMissing && stored.Any(o => name(o) == value));
        foreach (var view in desired.FeatureViews)
        {
            foreach (var retained in view.RetainedVersions ?? [])
            {
                var location = $"feature view '{view.Name}' keep_versions";
                if (!Kept(desired.DataSources, registered.DataSources, s => s.Name, retained.Source))
                {
                    problems.Add(new DefinitionProblem(location,
                        $"version {retained.Version} stays live and reads data source '{retained.Source}', which this apply removes; keep the source or lower keep_versions"));
                }

                foreach (var entity in retained.Entities.Where(e => !Kept(desired.Entities, registered.Entities, x => x.Name, e)))
                {
                    problems.Add(new DefinitionProblem(location,
                        $"version {retained.Version} stays live and is keyed by entity '{entity}', which this apply removes; keep the entity or lower keep_versions"));
                }
            }
        }

        if (problems.Count > 0)
            throw new DefinitionException(problems);
    }
}
