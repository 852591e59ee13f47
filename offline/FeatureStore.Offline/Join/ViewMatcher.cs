using System.Runtime;
using FeatureStore.Parquet;

namespace FeatureStore.Offline;

/// <summary>
/// Phase 1 of a view: reads only key and timestamp columns of the planned row groups (in parallel), keeps rows whose key some
/// spine row asks for and that can be a candidate, buckets them (spilling above the budget), then sweeps each bucket.
/// </summary>
internal static class ViewMatcher
{
    public static ViewMatch Match(ResolvedView view, SourcePlan plan, KeyIndex keys, SpineGroups spine, int spineRows, long minT, long maxT, TrainingSetRequest request, CancellationToken cancellationToken)
    {
        var lower = view.TtlMicros is { } ttl ? minT - ttl : long.MinValue;
        var oldest = new long[keys.Count];
        Array.Fill(oldest, long.MaxValue);
        var estimated = plan.Units.Where(u => u.Kind == UnitKind.Full).Sum(u => u.RowGroup.RowGroup.RowCount);
        var partitions = (int)Math.Clamp((estimated * PartitionedRows.RowBytes * 2 + request.MemoryBudgetBytes - 1) / request.MemoryBudgetBytes, 1, 4096);
        var match = new ViewMatch(spineRows) { Partitions = partitions };
        using var rows = new PartitionedRows(partitions, request.MemoryBudgetBytes, request.TempDirectory ?? Path.GetTempPath());
        var keyColumns = view.JoinKeys.Select(k => k.SourceColumn).ToArray();
        var created = view.Source.CreatedTimestampField;
        long candidates = 0;

        ParallelWork.ForEach(plan.Units, request.MaxParallelism, cancellationToken, () => new MatchScratch(view), (unit, scratch) =>
        {
            var full = unit.Kind == UnitKind.Full;
            var needCreated = created is not null && (full || view.AsOfCreated);
            var columns = keyColumns.Concat(full ? [view.Source.TimestampField] : []).Concat(needCreated ? [created!] : []).ToList();
            var batch = scratch.Readers.Read(unit.RowGroup, columns);
            var count = batch.RowCount;
            scratch.Ensure(count);
            var ids = scratch.Ids;
            keys.Map([.. keyColumns.Select(c => batch[c])], ids);
            var where = $"source {unit.RowGroup.File.Path} of feature view '{view.Name}'";
            var events = scratch.Events;
            var eventValid = scratch.EventValid;
            if (full)
            {
                TimestampColumns.Read(batch[view.Source.TimestampField], batch.Schema[view.Source.TimestampField].Type, events, eventValid, where);
            }

            var createds = scratch.Created;
            var createdValid = scratch.CreatedValid;
            if (needCreated)
            {
                TimestampColumns.Read(batch[created!], batch.Schema[created!].Type, createds, createdValid, where);
            }

            if (!full)
            {
                // Every row is older than every spine row's window: only whether (and from when) it counts as a candidate matters.
                for (var i = 0; i < count; i++)
                {
                    if (ids[i] >= 0)
                    {
                        InterlockedMin(ref oldest[ids[i]], needCreated && createdValid[i] ? createds[i] : long.MinValue);
                    }
                }

                return;
            }

            var kept = scratch.Kept;
            var keptCount = 0;
            for (var i = 0; i < count; i++)
            {
                if (ids[i] < 0 || !eventValid[i])
                {
                    continue;
                }

                var eventTime = events[i];
                var createdTime = needCreated && createdValid[i] ? createds[i] : eventTime;
                var order = FeatureRow.CandidateTime(eventTime, createdTime, view.AsOfCreated);
                if (order > maxT)
                {
                    continue;
                }

                if (eventTime < lower)
                {
                    InterlockedMin(ref oldest[ids[i]], order);
                    continue;
                }

                kept[keptCount++] = new FeatureRow
                {
                    Key = ids[i],
                    Event = eventTime,
                    Created = createdTime,
                    Ref = FeatureRow.MakeRef(unit.Ordinal, i),
                };
            }

            lock (rows)
            {
                rows.Add(kept.AsSpan(0, keptCount));
                candidates += keptCount;
            }
        });

        for (var p = 0; p < partitions; p++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            AsofSweep.Run(rows.Take(p), p, partitions, spine, oldest, view.TtlMicros, view.AsOfCreated, match, request.MaxParallelism);
            if (partitions > 1)
            {
                // Over budget: return each partition's garbage now, or the GC lets the heap (and RSS) grow well past the budget.
                GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            }
        }

        if (partitions == 1)
        {
            // The view's candidate rows and decoded key columns are now garbage on the large-object heap, which only a full
            // collection frees: start one in the background so the next view reuses that memory instead of growing RSS.
            GC.Collect(2, GCCollectionMode.Forced, blocking: false);
        }

        match.SpilledBytes = rows.SpilledBytes;
        match.CandidateRows = candidates;
        return match;
    }

    private static void InterlockedMin(ref long target, long value)
    {
        var current = Volatile.Read(ref target);
        while (value < current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
