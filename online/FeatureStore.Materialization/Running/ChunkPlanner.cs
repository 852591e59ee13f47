using FeatureStore.Materialization.Quality;
using FeatureStore.Materialization.Source;
using FeatureStore.Registry.Model;

namespace FeatureStore.Materialization.Running;

/// <summary>
/// Splits a view's window rows into chunks of event time (aligned to multiples of the chunk size since the Unix epoch,
/// so every run cuts the same chunks), runs the quality gate per chunk, and keeps the latest good row per entity
/// (greatest event time, then greatest created time; on a full tie the first row read). Works on row ordinals and key
/// bytes only; values are converted later, per write batch.
/// </summary>
internal static class ChunkPlanner
{
    public static List<ChunkPlan> Plan(ScannedRows rows, TimeSpan chunkSize, QualityGate gate)
    {
        var size = Math.Max(1, chunkSize.Ticks);
        var buckets = new SortedDictionary<long, List<int>>();
        List<int>? last = null;
        var lastIndex = long.MinValue;
        for (var ordinal = 0; ordinal < rows.Count; ordinal++)
        {
            var index = (long)Math.Floor((rows.EventTicks(ordinal) - DateTimeOffset.UnixEpoch.UtcTicks) / (double)size);
            if (last is null || index != lastIndex)
            {
                if (!buckets.TryGetValue(index, out last))
                    buckets[index] = last = [];
                lastIndex = index;
            }

            last.Add(ordinal);
        }

        var plans = new List<ChunkPlan>(buckets.Count);
        foreach (var (index, chunkRows) in buckets)
        {
            var start = DateTimeOffset.UnixEpoch.UtcTicks + (index * size);
            var bad = gate.Check(rows, chunkRows);
            var rejected = gate.Policy == QualityPolicy.Warn || bad.Count == 0 ? null : bad.Select(b => b.Ordinal).ToHashSet();
            plans.Add(new ChunkPlan(start, start + size - 1, chunkRows.Count, rows, Latest(rows, chunkRows, rejected), [.. bad.Select(b => (b.Row, b.Reason))]));
        }

        return plans;
    }

    private static List<int> Latest(ScannedRows rows, List<int> chunkRows, HashSet<int>? rejected)
    {
        var slotOf = new Dictionary<int, int>(chunkRows.Count, rows.Keys);
        var winners = new List<int>(chunkRows.Count);
        foreach (var ordinal in chunkRows)
        {
            if (rejected is not null && rejected.Contains(ordinal))
                continue;
            if (slotOf.TryGetValue(ordinal, out var slot))
            {
                if (rows.IsNewer(ordinal, winners[slot]))
                    winners[slot] = ordinal;
            }
            else
            {
                slotOf.Add(ordinal, winners.Count);
                winners.Add(ordinal);
            }
        }

        return winners;
    }
}
