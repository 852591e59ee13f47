using FeatureStore.Materialization.Quality;
using FeatureStore.Materialization.Source;
using FeatureStore.Registry.Model;

namespace FeatureStore.Materialization.Running;

/// <summary>
/// Plans a view's window as a whole: runs the quality gate per event-time bucket (aligned to multiples of the bucket size
/// since the Unix epoch, so every run cuts the same buckets; max_null_fraction is judged per bucket), then keeps the
/// latest good row per entity over the whole window (greatest event time, then greatest created time; on a full tie the
/// first row read), so each entity is written once per run. Winners are split into partitions by a stable hash of the
/// key bytes, so a re-run of the same request cuts the same partitions and can skip those already durable.
/// </summary>
internal static class WindowPlanner
{
    public static WindowPlan Plan(ScannedRows rows, TimeSpan gateBucket, QualityGate gate, int entitiesPerPartition)
    {
        var size = Math.Max(1, gateBucket.Ticks);
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

        var bad = new List<(SourceRow, string)>();
        HashSet<int>? rejected = null;
        long? failCut = null;
        IReadOnlyList<(SourceRow, string)> failBucketBad = [];
        foreach (var (index, bucketRows) in buckets)
        {
            var found = gate.Check(rows, bucketRows);
            if (found.Count == 0)
                continue;
            if (gate.Policy == QualityPolicy.Fail)
            {
                failCut = DateTimeOffset.UnixEpoch.UtcTicks + (index * size);
                failBucketBad = [.. found.Select(b => (b.Row, b.Reason))];
                break;
            }

            bad.AddRange(found.Select(b => (b.Row, b.Reason)));
            if (gate.Policy != QualityPolicy.Warn)
            {
                rejected ??= [];
                foreach (var b in found)
                    rejected.Add(b.Ordinal);
            }
        }

        var winners = Latest(rows, rejected, failCut);
        var partitionCount = (int)Math.Clamp((winners.Count + (long)Math.Max(1, entitiesPerPartition) - 1) / Math.Max(1, entitiesPerPartition), 1, 4096);
        var partitions = new List<int>[partitionCount];
        for (var p = 0; p < partitionCount; p++)
            partitions[p] = new List<int>(winners.Count / partitionCount + 1);
        foreach (var ordinal in winners)
            partitions[(int)(rows.StableHash(ordinal) % (uint)partitionCount)].Add(ordinal);
        return new WindowPlan(rows.Count, rows, partitions, bad, failCut, failBucketBad);
    }

    private static List<int> Latest(ScannedRows rows, HashSet<int>? rejected, long? failCut)
    {
        var slotOf = new Dictionary<int, int>(rows.Keys);
        var winners = new List<int>();
        for (var ordinal = 0; ordinal < rows.Count; ordinal++)
        {
            if ((rejected is not null && rejected.Contains(ordinal)) || (failCut is { } cut && rows.EventTicks(ordinal) >= cut))
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
