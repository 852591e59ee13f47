using System.Collections.Concurrent;
using System.Collections.Frozen;
using FeatureStore.Online;
using FeatureStore.Serving.Access;
using FeatureStore.Registry.Model;
using FeatureStore.Serving.Metrics;
using FeatureStore.Serving.V1;
using Google.Protobuf;

namespace FeatureStore.Serving.Snapshot;

/// <summary>
/// Everything needed to answer one feature selection, computed once per registry snapshot: which views to read with
/// which features, which join-key columns make each view's entity key, and where each value lands in the response.
/// </summary>
public sealed class ReadPlan(
    IReadOnlyList<ViewRead> views,
    IReadOnlyList<KeyGroup> keyGroups,
    string[] shortNames,
    string[] fullNames)
{
    public IReadOnlyList<ViewRead> Views { get; } = views;

    /// <summary>Distinct join-key tuples: views keyed by the same columns share one set of entity keys per request.</summary>
    public IReadOnlyList<KeyGroup> KeyGroups { get; } = keyGroups;

    /// <summary>Every join-key column the plan accepts, with its declared type.</summary>
    public FrozenDictionary<string, FeatureType> Columns { get; } = keyGroups
        .SelectMany(g => g.Columns.Zip(g.Types))
        .DistinctBy(c => c.First, StringComparer.Ordinal)
        .ToFrozenDictionary(c => c.First, c => c.Second, StringComparer.Ordinal);

    /// <summary>Output names in response order: "feature" and "view__feature".</summary>
    public string[] ShortNames { get; } = shortNames;

    public string[] FullNames { get; } = fullNames;

    public int FeatureCount => ShortNames.Length;

    /// <summary>The response's metadata message (feature names), encoded once per plan for each naming style.</summary>
    public byte[] ShortNamesMetadata { get; } = EncodeMetadata(shortNames);

    public byte[] FullNamesMetadata { get; } = EncodeMetadata(fullNames);

    /// <summary>For each response vector (output slot), the view read and the feature within it that fill it.</summary>
    public (int View, int Feature)[] SlotSources { get; } = SourcesOf(views, shortNames.Length);

    /// <summary>The error to raise instead of serving when output names collide without full feature names; null when none.</summary>
    public string? ShortNameConflict { get; init; }

    /// <summary>Each principal's access to this plan, decided on its first call (principals are bounded by the snapshot's keys).</summary>
    internal ConcurrentDictionary<string, PlanAccess> Access { get; } = new(StringComparer.Ordinal);

    private static byte[] EncodeMetadata(string[] names)
    {
        var list = new FeatureList();
        list.Val.AddRange(names);
        return new GetOnlineFeaturesResponseMetadata { FeatureNames = list }.ToByteArray();
    }

    private static (int, int)[] SourcesOf(IReadOnlyList<ViewRead> views, int featureCount)
    {
        var sources = new (int, int)[featureCount];
        for (var v = 0; v < views.Count; v++)
        {
            for (var f = 0; f < views[v].OutputSlots.Length; f++)
                sources[views[v].OutputSlots[f]] = (v, f);
        }

        return sources;
    }
}

/// <summary>The join-key columns (in entity order) that form one entity key, and their types.</summary>
public sealed record KeyGroup(string[] Columns, FeatureType[] Types);

/// <summary>One view read of a plan: the features to read, the response slot of each, the TTL to enforce.</summary>
public sealed class ViewRead(
    OnlineViewRef view,
    string[] featureNames,
    int[] outputSlots,
    int keyGroup,
    TimeSpan? ttl,
    ViewMetrics metrics)
{
    public OnlineViewRef View { get; } = view;

    public string[] FeatureNames { get; } = featureNames;

    /// <summary>For feature i of this read, the index of its vector in the response.</summary>
    public int[] OutputSlots { get; } = outputSlots;

    public int KeyGroup { get; } = keyGroup;

    /// <summary>The view's TTL in ticks; 0 when values never expire.</summary>
    public long TtlTicks { get; } = ttl?.Ticks ?? 0;

    public ViewMetrics Metrics { get; } = metrics;

    /// <summary>How the request named the view: <c>driver_stats</c>, or <c>driver_stats@1</c> for a pinned version.</summary>
    public string Label { get; init; } = view.View;
}
