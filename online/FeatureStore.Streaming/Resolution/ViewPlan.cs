using FeatureStore.Online;
using FeatureStore.Registry.Model;
using FeatureStore.Streaming.Validation;

namespace FeatureStore.Streaming.Resolution;

/// <summary>
/// One live version of an online view fed by a streamed source: where its keys and features come from, and how it is
/// written (view ref keyed by the version's own name and version, feature order and expiry exactly as the materializer
/// writes them).
/// </summary>
internal sealed class ViewPlan
{
    public ViewPlan(FeatureViewDefinition view, string label, string project, IReadOnlyList<ViewKeyColumn> keys, IReadOnlyList<SourceColumn> features)
    {
        View = view;
        Name = label;
        Keys = keys;
        Features = features;
        Ref = new OnlineViewRef(project, view.Name, view.Version);
        WriteOptions = new OnlineWriteOptions(view.Ttl);
        FeatureNames = [.. view.Features.Select(f => f.Name)];
        EntityKeyGroups = [.. keys.GroupBy(k => k.Entity.Name, StringComparer.Ordinal).Select(g => (g.First().Entity, g.ToArray()))];
        Quality = new RecordQuality(view);
    }

    public FeatureViewDefinition View { get; }

    /// <summary>How rejection reasons name this version: the view name, or <c>name@N</c> when several versions are live.</summary>
    public string Name { get; }

    public OnlineViewRef Ref { get; }

    public OnlineWriteOptions WriteOptions { get; }

    /// <summary>Join keys in entity order, then join-key order (the order of the online entity key).</summary>
    public IReadOnlyList<ViewKeyColumn> Keys { get; }

    /// <summary>Source column of each view feature, in the view's feature order.</summary>
    public IReadOnlyList<SourceColumn> Features { get; }

    public IReadOnlyList<string> FeatureNames { get; }

    public IReadOnlyList<(EntityDefinition Entity, ViewKeyColumn[] Keys)> EntityKeyGroups { get; }

    public RecordQuality Quality { get; }
}
