using System.Collections.Frozen;
using FeatureStore.Online;
using FeatureStore.Registry.Access;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;
using FeatureStore.Serving.Features;
using FeatureStore.Serving.Metrics;

namespace FeatureStore.Serving.Snapshot;

/// <summary>Builds a <see cref="RegistrySnapshot"/> from a definition set: resolves join keys and compiles every feature service's plan.</summary>
public static class RegistrySnapshotBuilder
{
    /// <summary>The snapshot of a loaded registry state: its definitions, and the keys and grants of the same state.</summary>
    public static RegistrySnapshot Build(RegistryState state, ServingMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Build(state.ToDefinitions(), state.Revision, metrics, AccessPolicy.From(state));
    }

    /// <param name="policy">Keys and grants; null: none (every call with keys required is refused).</param>
    public static RegistrySnapshot Build(RegistryDefinitions definitions, long revision, ServingMetrics metrics, AccessPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(metrics);
        var entities = definitions.Entities.ToDictionary(e => e.Name, StringComparer.Ordinal);
        var views = new Dictionary<string, ServingView>(StringComparer.Ordinal);
        var unservable = new Dictionary<string, string>(StringComparer.Ordinal);

        // Every label of every live version ("driver_stats", "driver_stats@2", "driver_stats@1"); the newest version's
        // two labels share one ServingView, so its metrics keep the bare view name.
        var byVersion = new Dictionary<FeatureViewDefinition, ServingView>(ReferenceEqualityComparer.Instance);
        foreach (var live in LiveViews.All(definitions))
        {
            var view = live.Definition;
            if (byVersion.TryGetValue(view, out var shared))
            {
                views[live.Label] = shared;
                continue;
            }

            if (!view.Online)
            {
                unservable[live.Label] = "it is declared online: false (offline only)";
                continue;
            }

            if (ResolveKeys(view, entities, out var problem) is { } keys)
            {
                var metricsLabel = live.IsNewest ? view.Name : LiveView.Pinned(view.Name, view.Version);
                var serving = new ServingView(view, new OnlineViewRef(definitions.Project, view.Name, view.Version), keys, metrics.View(metricsLabel));
                byVersion[view] = serving;
                views[live.Label] = serving;
            }
            else
            {
                unservable[live.Label] = problem;
            }
        }

        var frozenViews = views.ToFrozenDictionary(StringComparer.Ordinal);
        var frozenUnservable = unservable.ToFrozenDictionary(StringComparer.Ordinal);
        var plans = new Dictionary<string, ReadPlan>(StringComparer.Ordinal);
        var broken = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var service in definitions.FeatureServices)
        {
            try
            {
                plans[service.Name] = ReadPlanBuilder.Build(definitions, Picks(service, definitions), frozenViews, frozenUnservable);
            }
            catch (FeatureRequestException e)
            {
                broken[service.Name] = e.Message;
            }
        }

        return new RegistrySnapshot(
            definitions,
            revision,
            frozenViews,
            frozenUnservable,
            plans.ToFrozenDictionary(StringComparer.Ordinal),
            broken.ToFrozenDictionary(StringComparer.Ordinal),
            policy ?? AccessPolicy.From(definitions, [], []));
    }

    private static List<(string View, string Feature)> Picks(FeatureServiceDefinition service, RegistryDefinitions definitions)
    {
        var picks = new List<(string View, string Feature)>();
        foreach (var selection in service.Features)
        {
            if (selection.Features.Count > 0)
            {
                picks.AddRange(selection.Features.Select(f => (selection.View, f)));
                continue;
            }

            // An empty selection means every feature of the view (of the pinned version for "view@N"), in declaration order.
            var view = LiveViews.Find(definitions, selection.View, out _)?.Definition;
            picks.AddRange(view is null ? [(selection.View, "*")] : view.Features.Select(f => (selection.View, f.Name)));
        }

        return picks;
    }

    private static KeyGroup? ResolveKeys(FeatureViewDefinition view, Dictionary<string, EntityDefinition> entities, out string problem)
    {
        var columns = new List<string>();
        var types = new List<FeatureType>();
        foreach (var entityName in view.Entities)
        {
            if (!entities.TryGetValue(entityName, out var entity))
            {
                problem = $"its entity '{entityName}' is not registered";
                return null;
            }

            foreach (var key in entity.JoinKeys)
            {
                columns.Add(key.Name);
                types.Add(key.Type);
            }
        }

        if (columns.Count == 0)
        {
            problem = "it has no entity join keys";
            return null;
        }

        problem = "";
        return new KeyGroup([.. columns], [.. types]);
    }
}
