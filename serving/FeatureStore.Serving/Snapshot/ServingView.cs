using System.Collections.Frozen;
using FeatureStore.Online;
using FeatureStore.Registry.Model;
using FeatureStore.Serving.Metrics;

namespace FeatureStore.Serving.Snapshot;

/// <summary>A feature view as the server sees it: its online key, its join-key columns and its features by name.</summary>
public sealed class ServingView(FeatureViewDefinition definition, OnlineViewRef onlineRef, KeyGroup keys, ViewMetrics metrics)
{
    public FeatureViewDefinition Definition { get; } = definition;

    public OnlineViewRef OnlineRef { get; } = onlineRef;

    public KeyGroup Keys { get; } = keys;

    public ViewMetrics Metrics { get; } = metrics;

    public FrozenSet<string> FeatureNames { get; } = definition.Features.Select(f => f.Name).ToFrozenSet(StringComparer.Ordinal);

    public string Name => Definition.Name;
}
