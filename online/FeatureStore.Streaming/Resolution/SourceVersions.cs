using FeatureStore.Registry.Model;

namespace FeatureStore.Streaming.Resolution;

/// <summary>
/// The live versions (newest and those kept by <c>keep_versions</c>) of the views reading a data source, and which of
/// them a view selection names. A retained version reads the source its own definition names, and is online when its
/// view's newest version is. In a selection a bare view name means every live version reading the source, <c>name@N</c>
/// only version N.
/// </summary>
internal static class SourceVersions
{
    /// <summary>
    /// One live version reading the source. <see cref="Label"/> names it in rejection reasons: the view name when it is
    /// the view's only live version, <c>name@N</c> when several are live.
    /// </summary>
    public sealed record ReadingVersion(FeatureViewDefinition Definition, string Label, bool Online, bool Retained);

    /// <summary>Every live version of every view (online or not) reading <paramref name="source"/>, newest first per view.</summary>
    public static List<ReadingVersion> Reading(RegistryDefinitions definitions, string source)
    {
        var reading = new List<ReadingVersion>();
        foreach (var view in definitions.FeatureViews)
        {
            var versions = LiveViews.Versions(view).ToList();
            foreach (var version in versions.Where(v => v.Source == source))
            {
                var label = versions.Count == 1 ? view.Name : LiveView.Pinned(view.Name, version.Version);
                reading.Add(new ReadingVersion(version, label, view.Online, Retained: !ReferenceEquals(version, view)));
            }
        }

        return reading;
    }

    /// <summary>
    /// The online versions a selection names (null: every online one).
    /// </summary>
    /// <exception cref="StreamIngestionException">A label is malformed, names an unknown view or a version not live, a
    /// view reading another source, or an offline view.</exception>
    public static List<ReadingVersion> Selected(RegistryDefinitions definitions, string source, List<ReadingVersion> reading, IReadOnlyCollection<string>? selection)
    {
        var online = reading.Where(v => v.Online).ToList();
        if (selection is null)
            return online;

        var chosen = new HashSet<ReadingVersion>();
        foreach (var label in selection)
        {
            (string Name, int? Version) parsed;
            try
            {
                parsed = LiveViews.Parse(label);
            }
            catch (FormatException e)
            {
                throw new StreamIngestionException(e.Message);
            }

            var view = definitions.FeatureViews.FirstOrDefault(v => v.Name == parsed.Name)
                ?? throw new StreamIngestionException($"unknown feature view '{parsed.Name}'");
            var live = LiveViews.Versions(view).ToList();
            var named = parsed.Version is { } pinned
                ? live.Where(v => v.Version == pinned).ToList()
                : live;
            if (named.Count == 0)
                throw new StreamIngestionException(
                    $"feature view '{view.Name}' has no live version {parsed.Version} (live: {string.Join(", ", live.Select(v => LiveView.Pinned(v.Name, v.Version)))})");
            var fromSource = named.Where(v => v.Source == source).ToList();
            if (fromSource.Count == 0)
                throw new StreamIngestionException($"feature view '{label}' reads data source '{named[0].Source}', not '{source}'");
            if (!view.Online)
                throw new StreamIngestionException($"feature view '{label}' is not online (online: false), so nothing of it is ingested");
            chosen.UnionWith(online.Where(v => fromSource.Any(d => ReferenceEquals(d, v.Definition))));
        }

        return [.. online.Where(chosen.Contains)];
    }
}
