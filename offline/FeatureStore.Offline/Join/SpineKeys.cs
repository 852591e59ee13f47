using System.Collections.Concurrent;

namespace FeatureStore.Offline;

/// <summary>The spine indexed for one set of join keys: dense key ids per row and rows grouped by key in time order.</summary>
internal sealed record SpineKeys(KeyIndex Index, int[] RowKeyIds, SpineGroups Groups)
{
    public static SpineKeys Build(ResolvedView view, SpineTable spine)
    {
        var index = KeyIndex.Build(view, spine, out var ids);
        return new SpineKeys(index, ids, SpineGroups.Build(ids, spine.Timestamps, index.Count));
    }
}

/// <summary>Views keyed by the same join keys (the common case) share one <see cref="SpineKeys"/>, built once even when views run in parallel.</summary>
internal sealed class SpineKeyCache(SpineTable spine)
{
    private readonly ConcurrentDictionary<string, Lazy<SpineKeys>> _byKeys = new(StringComparer.Ordinal);

    public SpineKeys For(ResolvedView view)
    {
        var signature = string.Join('|', view.JoinKeys.Select(k => $"{k.Name}:{k.Type}"));
        return _byKeys.GetOrAdd(signature, _ => new Lazy<SpineKeys>(() => SpineKeys.Build(view, spine))).Value;
    }
}
