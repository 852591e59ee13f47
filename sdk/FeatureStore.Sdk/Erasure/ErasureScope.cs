using FeatureStore.Registry.Model;

namespace FeatureStore.Sdk.Erasure;

/// <summary>A feature view keyed by an erased join key: its join keys in online-key order and the erased values it is keyed by.</summary>
internal sealed record ScopedView(FeatureViewDefinition View, IReadOnlyList<JoinKey> Keys, IReadOnlyList<ErasureKey> Erased);

/// <summary>A data source read by affected views; <see cref="Columns"/> gives the candidate source columns of a join key.</summary>
internal sealed record ScopedSource(DataSourceDefinition Source, IReadOnlyList<ScopedView> Views)
{
    /// <summary>The erased values that rows of this source are matched against.</summary>
    public IReadOnlyList<ErasureKey> Erased => [.. Views.SelectMany(v => v.Erased).Distinct()];

    /// <summary>Where a join key lives in the source: the field_mapping name first, then the key's own name (as the engines look).</summary>
    public IReadOnlyList<string> Columns(string joinKey)
    {
        var mapped = (Source.FieldMapping ?? new Dictionary<string, string>()).Where(m => m.Value == joinKey).Select(m => m.Key);
        return [.. mapped, joinKey];
    }
}

/// <summary>
/// What an erasure touches, from the registered definitions: each given join key typed by its entity, every view whose
/// entities include one of them, and those views' sources.
/// </summary>
internal sealed record ErasureScope(IReadOnlyList<ErasureKey> Keys, IReadOnlyList<ScopedView> Views, IReadOnlyList<ScopedSource> Sources)
{
    public static ErasureScope Resolve(RegistryDefinitions definitions, IReadOnlyList<ErasureTarget> targets)
    {
        var declared = definitions.Entities.SelectMany(e => e.JoinKeys.Select(k => (Entity: e.Name, Key: k))).ToList();
        var keys = new List<ErasureKey>();
        foreach (var target in targets)
        {
            var matches = declared.Where(d => d.Key.Name == target.JoinKey).ToList();
            if (matches.Count == 0)
            {
                var known = declared.Select(d => d.Key.Name).Distinct().Order(StringComparer.Ordinal).ToList();
                throw new FeatureStoreException(FeatureStoreErrorCode.NotFound,
                    $"'{target.JoinKey}' is not a join key of any registered entity of project '{definitions.Project}'" +
                    (known.Count == 0 ? " (nothing is registered)" : $" (join keys: {string.Join(", ", known)})"));
            }

            var types = matches.Select(m => m.Key.Type).Distinct().ToList();
            if (types.Count > 1)
            {
                throw new FeatureStoreException(FeatureStoreErrorCode.Erasure,
                    $"join key '{target.JoinKey}' has different types in entities {string.Join(", ", matches.Select(m => $"{m.Entity} ({m.Key.Type.Name()})"))}; erase cannot tell which to use");
            }

            var key = ErasureKey.Create(target.JoinKey, types[0], target.Value);
            if (!keys.Any(k => k.JoinKey == key.JoinKey && k.Text == key.Text))
                keys.Add(key);
        }

        var views = new List<ScopedView>();
        // A retained version reading another source than its newest version has history of its own to rewrite.
        var versions = definitions.FeatureViews
            .SelectMany(v => LiveViews.Versions(v).Where(version => ReferenceEquals(version, v) || version.Source != v.Source))
            .DistinctBy(v => (v.Name, v.Source));
        foreach (var view in versions.OrderBy(v => v.Name, StringComparer.Ordinal))
        {
            var viewKeys = view.Entities
                .SelectMany(name => definitions.Entities.FirstOrDefault(e => e.Name == name)?.JoinKeys ?? [])
                .ToList();
            var erased = keys.Where(k => viewKeys.Any(j => j.Name == k.JoinKey)).ToList();
            if (erased.Count > 0)
                views.Add(new ScopedView(view, viewKeys, erased));
        }

        var sources = views
            .GroupBy(v => v.View.Source, StringComparer.Ordinal)
            .Select(g => definitions.DataSources.FirstOrDefault(s => s.Name == g.Key) is { } source ? new ScopedSource(source, [.. g]) : null)
            .OfType<ScopedSource>()
            .ToList();
        return new ErasureScope(keys, views, sources);
    }
}
