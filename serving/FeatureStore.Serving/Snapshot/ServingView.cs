using System.Collections.Frozen;
using FeatureStore.Online;
using FeatureStore.Registry.Model;
using FeatureStore.Serving.Metrics;

namespace FeatureStore.Serving.Snapshot;

/// <summary>
/// One live version of a feature view as the server sees it: its online key, its join-key columns and its features by
/// name. The snapshot registers it under every label that names it (the newest under <c>view</c> and <c>view@N</c>).
/// </summary>
public sealed class ServingView(FeatureViewDefinition definition, OnlineViewRef onlineRef, KeyGroup keys, ViewMetrics metrics)
{
    public FeatureViewDefinition Definition { get; } = definition;

    public OnlineViewRef OnlineRef { get; } = onlineRef;

    public KeyGroup Keys { get; } = keys;

    public ViewMetrics Metrics { get; } = metrics;

    public FrozenSet<string> FeatureNames { get; } = definition.Features.Select(f => f.Name).ToFrozenSet(StringComparer.Ordinal);

    public string Name => Definition.Name;
}
