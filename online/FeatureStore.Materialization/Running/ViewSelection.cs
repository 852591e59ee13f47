using FeatureStore.Registry.Model;

namespace FeatureStore.Materialization.Running;

/// <summary>
/// Which live versions of the registry's online views a run materializes. Every live version (the newest and each one
/// kept by <c>keep_versions</c>) is online when its view's newest version is. No names: every live version of every online
/// view. A bare view name selects all its live versions, <c>name@N</c> just version N.
/// </summary>
internal static class ViewSelection
{
    public static List<FeatureViewDefinition> Select(RegistryDefinitions definitions, IReadOnlyList<string>? names)
    {
        var onlineViews = definitions.FeatureViews.Where(v => v.Online).ToList();
        if (names is null || names.Count == 0)
            return [.. onlineViews.SelectMany(LiveViews.Versions)];

        var selected = new List<FeatureViewDefinition>();
        foreach (var label in names.Distinct(StringComparer.Ordinal))
        {
            (string Name, int? Version) parsed;
            try
            {
                parsed = LiveViews.Parse(label);
            }
            catch (FormatException e)
            {
                throw new MaterializationException(e.Message, e);
            }

            var view = definitions.FeatureViews.FirstOrDefault(v => v.Name == parsed.Name)
                ?? throw new MaterializationException(
                    $"unknown feature view '{parsed.Name}' (online views: {string.Join(", ", onlineViews.Select(v => v.Name))})");
            if (!view.Online)
                throw new MaterializationException($"feature view '{view.Name}' has online: false; only online views are materialized");

            var versions = LiveViews.Versions(view).ToList();
            var chosen = parsed.Version is { } pinned
                ? [versions.FirstOrDefault(v => v.Version == pinned)
                    ?? throw new MaterializationException(
                        $"feature view '{view.Name}' has no live version {pinned} (live: {string.Join(", ", versions.Select(v => LiveView.Pinned(v.Name, v.Version)))}; " +
                        "keep_versions decides how many stay live after a version bump)")]
                : versions;
            foreach (var version in chosen)
            {
                if (!selected.Any(s => s.Name == version.Name && s.Version == version.Version))
                    selected.Add(version);
            }
        }

        return selected;
    }
}
