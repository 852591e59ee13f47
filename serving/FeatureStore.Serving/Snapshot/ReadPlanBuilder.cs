using System.Collections.Frozen;
using FeatureStore.Registry.Model;
using FeatureStore.Serving.Features;

namespace FeatureStore.Serving.Snapshot;

/// <summary>
/// Compiles a list of (view label, feature) picks into a <see cref="ReadPlan"/>; unknown names fail with NOT_FOUND. A
/// label is a view name (its newest version) or <c>view@N</c> (a live version); output names use the label.
/// </summary>
internal static class ReadPlanBuilder
{
    /// <param name="picks">(view, feature) in response order.</param>
    /// <param name="unservable">Views that exist but cannot be served, with the reason.</param>
    public static ReadPlan Build(
        RegistryDefinitions definitions,
        IReadOnlyList<(string View, string Feature)> picks,
        FrozenDictionary<string, ServingView> views,
        FrozenDictionary<string, string> unservable)
    {
        var readsByView = new Dictionary<string, (ServingView View, List<string> Features, List<int> Slots)>(StringComparer.Ordinal);
        var viewOrder = new List<string>();
        var shortNames = new string[picks.Count];
        var fullNames = new string[picks.Count];
        var seenFull = new HashSet<string>(StringComparer.Ordinal);
        var seenShort = new Dictionary<string, string>(StringComparer.Ordinal);
        string? shortConflict = null;

        for (var i = 0; i < picks.Count; i++)
        {
            var (viewName, feature) = picks[i];
            var view = Resolve(definitions, viewName, views, unservable);
            if (!view.FeatureNames.Contains(feature))
            {
                throw new FeatureRequestException(
                    FeatureRequestError.NotFound,
                    $"feature '{feature}' is not in feature view '{viewName}' (its features: {string.Join(", ", view.Definition.Features.Select(f => f.Name))})");
            }

            var full = $"{viewName}__{feature}";
            if (!seenFull.Add(full))
            {
                throw new FeatureRequestException(FeatureRequestError.InvalidArgument, $"feature '{viewName}:{feature}' is requested twice");
            }

            if (!seenShort.TryAdd(feature, viewName) && shortConflict is null)
            {
                shortConflict = $"feature name '{feature}' is in both '{seenShort[feature]}' and '{viewName}'; set full_feature_names to get 'view__feature' names";
            }

            shortNames[i] = feature;
            fullNames[i] = full;
            if (!readsByView.TryGetValue(viewName, out var read))
            {
                read = (view, [], []);
                readsByView.Add(viewName, read);
                viewOrder.Add(viewName);
            }

            read.Features.Add(feature);
            read.Slots.Add(i);
        }

        var keyGroups = new List<KeyGroup>();
        var groupIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var columnTypes = new Dictionary<string, (FeatureType Type, string View)>(StringComparer.Ordinal);
        var reads = new List<ViewRead>(viewOrder.Count);
        foreach (var viewName in viewOrder)
        {
            var (view, features, slots) = readsByView[viewName];
            for (var k = 0; k < view.Keys.Columns.Length; k++)
            {
                var column = view.Keys.Columns[k];
                var type = view.Keys.Types[k];
                if (columnTypes.TryGetValue(column, out var seen) && seen.Type != type)
                {
                    throw new FeatureRequestException(
                        FeatureRequestError.InvalidArgument,
                        $"join key '{column}' is {seen.Type.Name()} in feature view '{seen.View}' but {type.Name()} in '{viewName}'; request them separately");
                }

                columnTypes[column] = (type, viewName);
            }

            var signature = string.Join('\u001f', view.Keys.Columns);
            if (!groupIndex.TryGetValue(signature, out var group))
            {
                group = keyGroups.Count;
                groupIndex.Add(signature, group);
                keyGroups.Add(view.Keys);
            }

            reads.Add(new ViewRead(view.OnlineRef, [.. features], [.. slots], group, view.Definition.Ttl, view.Metrics)
            {
                Label = viewName,
            });
        }

        return new ReadPlan(reads, keyGroups, shortNames, fullNames) { ShortNameConflict = shortConflict };
    }

    private static ServingView Resolve(
        RegistryDefinitions definitions,
        string viewName,
        FrozenDictionary<string, ServingView> views,
        FrozenDictionary<string, string> unservable)
    {
        if (views.TryGetValue(viewName, out var view))
        {
            return view;
        }

        if (unservable.TryGetValue(viewName, out var reason))
        {
            throw new FeatureRequestException(FeatureRequestError.FailedPrecondition, $"feature view '{viewName}' cannot be served: {reason}");
        }

        (string Name, int? Version) parsed;
        try
        {
            parsed = LiveViews.Parse(viewName);
        }
        catch (FormatException e)
        {
            throw new FeatureRequestException(FeatureRequestError.InvalidArgument, e.Message);
        }

        // A registered view pinned to a version that is not live: name the live ones.
        if (parsed.Version is not null && LiveViews.Find(definitions, viewName, out var problem) is null
            && definitions.FeatureViews.Any(v => string.Equals(v.Name, parsed.Name, StringComparison.Ordinal)))
        {
            throw new FeatureRequestException(FeatureRequestError.NotFound, problem);
        }

        throw new FeatureRequestException(FeatureRequestError.NotFound, $"feature view '{viewName}' is not registered in project '{definitions.Project}'");
    }
}
