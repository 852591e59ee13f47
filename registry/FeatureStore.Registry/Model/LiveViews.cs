using System.Globalization;

namespace FeatureStore.Registry.Model;

/// <summary>
/// One servable version of a feature view. <see cref="Label"/> is how references name it: the bare view name for the
/// newest version, <c>name@N</c> for a pinned one (the newest can be pinned too). <see cref="Definition"/> keeps the
/// view's own name and declared version, which is what the online store keys data by.
/// </summary>
public sealed record LiveView(string Label, FeatureViewDefinition Definition, bool IsNewest)
{
    /// <summary>The key materialization records (watermarks, runs) use: the name for version 1, <c>name@N</c> otherwise.</summary>
    public static string MaterializationKey(FeatureViewDefinition view) =>
        view.Version == 1 ? view.Name : Pinned(view.Name, view.Version);

    public static string Pinned(string view, int version) => string.Create(CultureInfo.InvariantCulture, $"{view}@{version}");
}

/// <summary>Resolves view labels (<c>driver_stats</c>, <c>driver_stats@1</c>) against the live versions of a registry.</summary>
public static class LiveViews
{
    /// <summary>Splits a label into the view name and the pinned version (null when none is pinned).</summary>
    /// <exception cref="FormatException">The part after '@' is not a positive whole number.</exception>
    public static (string Name, int? Version) Parse(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var at = label.LastIndexOf('@');
        if (at < 0)
            return (label, null);
        if (!int.TryParse(label.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1 || at == 0)
            throw new FormatException($"invalid feature view '{label}': expected a view name, optionally followed by @ and a version number (driver_stats@2)");
        return (label[..at], version);
    }

    /// <summary>The newest version and every retained one of a view, newest first.</summary>
    public static IEnumerable<FeatureViewDefinition> Versions(FeatureViewDefinition view)
    {
        ArgumentNullException.ThrowIfNull(view);
        yield return view;
        foreach (var retained in view.RetainedVersions ?? [])
            yield return retained;
    }

    /// <summary>
    /// Every label a reference may use: per view, the bare name (newest), <c>name@N</c> for the newest, and <c>name@N</c>
    /// for each retained version.
    /// </summary>
    public static IEnumerable<LiveView> All(RegistryDefinitions definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        foreach (var view in definitions.FeatureViews)
        {
            yield return new LiveView(view.Name, view, IsNewest: true);
            foreach (var version in Versions(view))
                yield return new LiveView(LiveView.Pinned(view.Name, version.Version), version, ReferenceEquals(version, view));
        }
    }

    /// <summary>The live view a label names, or null with <paramref name="problem"/> saying why (unknown view, or a version not kept).</summary>
    public static LiveView? Find(RegistryDefinitions definitions, string label, out string problem)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        problem = "";
        (string Name, int? Version) parsed;
        try
        {
            parsed = Parse(label);
        }
        catch (FormatException e)
        {
            problem = e.Message;
            return null;
        }

        var view = definitions.FeatureViews.FirstOrDefault(v => v.Name == parsed.Name);
        if (view is null)
        {
            problem = $"unknown feature view '{parsed.Name}'";
            return null;
        }

        if (parsed.Version is not { } pinned)
            return new LiveView(view.Name, view, IsNewest: true);
        var match = Versions(view).FirstOrDefault(v => v.Version == pinned);
        if (match is null)
        {
            problem = $"feature view '{view.Name}' has no live version {pinned} (live: {string.Join(", ", Versions(view).Select(v => v.Version))}; " +
                      "keep_versions decides how many stay live after a version bump)";
            return null;
        }

        return new LiveView(label, match, ReferenceEquals(match, view));
    }
}
