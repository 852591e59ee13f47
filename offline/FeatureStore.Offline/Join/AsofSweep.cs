using System.Collections.Concurrent;

namespace FeatureStore.Offline;

/// <summary>
/// Joins one partition of feature rows with the spine: counting sort by key, sort each key's rows by candidate order,
/// then one forward pass per key over its spine rows (sorted by timestamp) keeping the best candidate seen so far.
/// Each spine row is visited once and each feature row once: O(n log g), never spine × feature rows.
/// </summary>
internal static class AsofSweep
{
    public static void Run(
        List<ArraySegment<FeatureRow>> segments,
        int partition,
        int partitions,
        SpineGroups spine,
        long[] oldestCandidate,
        long? ttlMicros,
        ViewMatch match,
        int parallelism)
    {
        var keyCount = spine.Starts.Length - 1;
        var localKeys = (keyCount - partition + partitions - 1) / partitions;
        var starts = new int[localKeys + 1];
        var count = 0;
        foreach (var segment in segments)
        {
            count += segment.Count;
            foreach (ref readonly var row in segment.AsSpan())
            {
                starts[(row.Key / partitions) + 1]++;
            }
        }

        for (var k = 0; k < localKeys; k++)
        {
            starts[k + 1] += starts[k];
        }

        var next = (int[])starts.Clone();
        var sorted = new FeatureRow[count];
        foreach (var segment in segments)
        {
            foreach (ref readonly var row in segment.AsSpan())
            {
                sorted[next[row.Key / partitions]++] = row;
            }
        }

        segments.Clear();

        if (localKeys == 0)
        {
            return;
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism };
        Parallel.ForEach(Partitioner.Create(0, localKeys), options, range =>
        {
            for (var local = range.Item1; local < range.Item2; local++)
            {
                var key = (local * partitions) + partition;
                var group = sorted.AsSpan(starts[local], starts[local + 1] - starts[local]);
                group.Sort(default(CandidateOrder));
                Sweep(group, spine.Entries.AsSpan(spine.Starts[key], spine.Starts[key + 1] - spine.Starts[key]), oldestCandidate[key], ttlMicros, match);
            }
        });
    }

    private static void Sweep(ReadOnlySpan<FeatureRow> candidates, ReadOnlySpan<SpineEntry> spineRows, long oldestBelowWindow, long? ttlMicros, ViewMatch match)
    {
        var next = 0;
        var found = false;
        FeatureRow best = default;
        foreach (var entry in spineRows)
        {
            var t = entry.Timestamp;
            while (next < candidates.Length && candidates[next].Order <= t)
            {
                if (!found || candidates[next].Beats(best))
                {
                    best = candidates[next];
                    found = true;
                }

                next++;
            }

            if (found && (ttlMicros is not { } ttl || best.Event >= t - ttl))
            {
                match.Winners[entry.Index] = best.Ref;
                match.Statuses[entry.Index] = FeatureStatus.Present;
            }
            else
            {
                match.Statuses[entry.Index] = found || oldestBelowWindow <= t ? FeatureStatus.OutsideTtl : FeatureStatus.Missing;
            }
        }
    }
}
