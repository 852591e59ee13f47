using System.Runtime.CompilerServices;

namespace FeatureStore.Offline;

/// <summary>
/// Joins one partition of feature rows with the spine: counting sort by key, sort each key's rows by candidate order,
/// then one forward pass per key over its spine rows (sorted by timestamp) keeping the best candidate seen so far.
/// Each spine row is visited once and each feature row once: O(n log g), never spine × feature rows.
/// </summary>
internal static class AsofSweep
{
    // At most this many blocks of keys (a power of two keys each): a block's rows then fit in cache for the per-key scatter.
    private const int MaxBlocks = 1024;

    public static void Run(
        List<ArraySegment<FeatureRow>> segments,
        int partition,
        int partitions,
        SpineGroups spine,
        long[] oldestCandidate,
        long? ttlMicros,
        bool asOfCreated,
        ViewMatch match,
        int parallelism)
    {
        var keyCount = spine.Starts.Length - 1;
        var localKeys = (keyCount - partition + partitions - 1) / partitions;
        if (localKeys == 0)
        {
            segments.Clear();
            return;
        }

        // Counting sort by key in two cache-friendly steps: rows go to their block of keys (few write streams, sequential),
        // then each block is sorted by key inside the cache. One random scatter over the whole array was memory-bound.
        var shift = 0;
        while ((localKeys - 1) >> shift >= MaxBlocks)
        {
            shift++;
        }

        var blocks = ((localKeys - 1) >> shift) + 1;
        var starts = new int[localKeys + 1];
        var count = 0;
        foreach (var segment in segments)
        {
            count += segment.Count;
            foreach (ref readonly var row in segment.AsSpan())
            {
                starts[LocalKey(row.Key, partitions) + 1]++;
            }
        }

        for (var k = 0; k < localKeys; k++)
        {
            starts[k + 1] += starts[k];
        }

        var blockNext = new int[blocks];
        for (var b = 0; b < blocks; b++)
        {
            blockNext[b] = starts[b << shift];
        }

        var sorted = new FeatureRow[count];
        foreach (var segment in segments)
        {
            foreach (ref readonly var row in segment.AsSpan())
            {
                sorted[blockNext[LocalKey(row.Key, partitions) >> shift]++] = row;
            }
        }

        segments.Clear();
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism };
        Parallel.For(0, blocks, options, () => new BlockScratch(), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (b, _, scratch) =>
        {
            var firstKey = b << shift;
            var lastKey = Math.Min(localKeys, (b + 1) << shift);
            var block = sorted.AsSpan(starts[firstKey], starts[lastKey] - starts[firstKey]);
            SortBlockByKey(block, starts, firstKey, lastKey, partitions, scratch);
            for (var local = firstKey; local < lastKey; local++)
            {
                var key = (local * partitions) + partition;
                var group = sorted.AsSpan(starts[local], starts[local + 1] - starts[local]);
                SortCandidates(group, asOfCreated);
                Sweep(group, spine.Entries.AsSpan(spine.Starts[key], spine.Starts[key + 1] - spine.Starts[key]), oldestCandidate[key], ttlMicros, asOfCreated, match);
            }

            return scratch;
        }, _ => { });
    }

    // Most keys have a handful of rows: an insertion sort compiled at full optimization beats the generic sort's tier-0 start.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SortCandidates(Span<FeatureRow> group, bool asOfCreated)
    {
        var order = new CandidateOrder(asOfCreated);
        if (group.Length > 16)
        {
            group.Sort(order);
            return;
        }

        for (var i = 1; i < group.Length; i++)
        {
            var row = group[i];
            var j = i - 1;
            while (j >= 0 && order.Compare(group[j], row) > 0)
            {
                group[j + 1] = group[j];
                j--;
            }

            group[j + 1] = row;
        }
    }

    private static int LocalKey(int key, int partitions) => partitions == 1 ? key : key / partitions;

    /// <summary>Orders a block's rows by key (any order inside a key): copy out, then scatter back by the keys' offsets.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SortBlockByKey(Span<FeatureRow> block, int[] starts, int firstKey, int lastKey, int partitions, BlockScratch scratch)
    {
        var copy = scratch.Rows(block.Length);
        block.CopyTo(copy);
        var next = scratch.Offsets(lastKey - firstKey);
        var origin = starts[firstKey];
        for (var k = firstKey; k < lastKey; k++)
        {
            next[k - firstKey] = starts[k] - origin;
        }

        foreach (ref readonly var row in copy)
        {
            block[next[LocalKey(row.Key, partitions) - firstKey]++] = row;
        }
    }

    private sealed class BlockScratch
    {
        private FeatureRow[] _rows = [];
        private int[] _offsets = [];

        public Span<FeatureRow> Rows(int length)
        {
            if (_rows.Length < length)
            {
                _rows = new FeatureRow[Math.Max(length, _rows.Length * 2)];
            }

            return _rows.AsSpan(0, length);
        }

        public Span<int> Offsets(int length)
        {
            if (_offsets.Length < length)
            {
                _offsets = new int[length];
            }

            return _offsets.AsSpan(0, length);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Sweep(ReadOnlySpan<FeatureRow> candidates, ReadOnlySpan<SpineEntry> spineRows, long oldestBelowWindow, long? ttlMicros, bool asOfCreated, ViewMatch match)
    {
        var next = 0;
        var found = false;
        FeatureRow best = default;
        foreach (var entry in spineRows)
        {
            var t = entry.Timestamp;
            while (next < candidates.Length && candidates[next].Order(asOfCreated) <= t)
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
