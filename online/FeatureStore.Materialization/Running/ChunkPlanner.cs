using FeatureStore.Materialization.Quality;
using FeatureStore.Materialization.Source;
using FeatureStore.Registry.Model;

namespace FeatureStore.Materialization.Running;

/// <summary>
/// Splits a view's window rows into chunks of event time (aligned to multiples of the chunk size since the Unix epoch,
/// so every run cuts the same chunks), runs the quality gate per chunk, and keeps the latest good row per entity
/// (greatest event time, then greatest created time; on a full tie the first row read).
/// </summary>
internal static class ChunkPlanner
{
    public static List<ChunkPlan> Plan(IEnumerable<SourceRow> rows, TimeSpan chunkSize, QualityGate gate)
    {
        var size = Math.Max(1, chunkSize.Ticks);
        var buckets = new SortedDictionary<long, List<SourceRow>>();
        foreach (var row in rows)
        {
            var index = (long)Math.Floor((row.EventTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (double)size);
            if (!buckets.TryGetValue(index, out var list))
                buckets[index] = list = [];
            list.Add(row);
        }

        var plans = new List<ChunkPlan>(buckets.Count);
        foreach (var (index, chunkRows) in buckets)
        {
            var start = DateTimeOffset.UnixEpoch.UtcTicks + (index * size);
            var bad = gate.Check(chunkRows);
            var rejected = gate.Policy == QualityPolicy.Warn ? [] : bad.Select(b => b.Row).ToHashSet();
            plans.Add(new ChunkPlan(start, start + size - 1, chunkRows.Count, Latest(chunkRows.Where(r => !rejected.Contains(r))), bad));
        }

        return plans;
    }

    private static List<SourceRow> Latest(IEnumerable<SourceRow> rows)
    {
        var latest = new Dictionary<Online.EntityKey, SourceRow>();
        foreach (var row in rows)
        {
            if (!latest.TryGetValue(row.Key, out var current) || row.IsNewerThan(current))
                latest[row.Key] = row;
        }

        return [.. latest.Values];
    }
}
