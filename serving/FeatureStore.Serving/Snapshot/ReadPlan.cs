using System.Collections.Frozen;
using FeatureStore.Online;
using FeatureStore.Registry.Model;
using FeatureStore.Serving.Metrics;

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

    /// <summary>The error to raise instead of serving when output names collide without full feature names; null when none.</summary>
    public string? ShortNameConflict { get; init; }
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
}
