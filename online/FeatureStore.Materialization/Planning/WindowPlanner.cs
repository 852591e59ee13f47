using System.Runtime.ExceptionServices;
using FeatureStore.Materialization.Quality;
using FeatureStore.Materialization.Running;
using FeatureStore.Materialization.Source;
using FeatureStore.Materialization.Spill;

namespace FeatureStore.Materialization.Planning;

/// <summary>
/// Plans a view's window as a whole. The source is opened (footers: every file's types checked) and, when the window's
/// estimated size fits <see cref="MaterializerOptions.MemoryBudgetBytes"/>, read into memory; otherwise its rows are
/// spilled into entity buckets (temp files) that are planned one by one, so memory holds a few buckets, not the window.
/// The quality gate's per-row rules and per-bucket null tallies are taken while reading; then each entity bucket keeps
/// its latest good row per entity (<see cref="BucketPlanner"/>, buckets planned in parallel), and the winners are cut
/// into entity partitions of about <see cref="MaterializerOptions.EntitiesPerPartition"/> by a stable hash of the key
/// bytes, so a re-run of the same request cuts the same partitions and can skip those already durable.
/// </summary>
internal static class WindowPlanner
{
    private const int MaxPartitions = 4096;
    private const int MaxSpillBuckets = 512;

    /// <summary>Fewer rows per spill bucket than this are not worth a file of their own.</summary>
    private const int MinRowsPerSpillBucket = 1024;

    /// <summary>In memory, windows of fewer rows are planned on one thread (splitting costs more than it saves).</summary>
    private const int MinRowsForParallelPlanning = 1 << 16;

    public static WindowPlan Plan(ViewRunPlan plan, string project, string repoDir, string runId, MaterializerOptions options, CancellationToken ct)
    {
        var gate = new QualityGate(plan.View);
        var tally = new GateTally(gate, new GateBuckets(options.ChunkSize));
        var scan = SourceScanner.Open(plan.View, plan.Source, plan.Entities, repoDir, plan.Window);
        if (!gate.JudgesRows)
        {
            if (LatestWhileReading(scan, plan.View.Features.Count, gate, tally, options, ct) is { } latest)
                return latest;
        }
        else if (scan.EstimatedBytes <= options.MemoryBudgetBytes)
        {
            return InMemory(scan, gate, tally, options, ct);
        }

        var root = options.SpillDirectory ?? SpillDirectory.DefaultRoot(repoDir);
        return Spilled(scan, plan, gate, tally, options, new SpillDirectory(root, project, runId, plan.Key), ct);
    }

    private static WindowPlan InMemory(SourceScanner scan, QualityGate gate, GateTally tally, MaterializerOptions options, CancellationToken ct)
    {
        var rows = new ScannedRows((int)Math.Min(scan.RowsToRead, Array.MaxLength));
        scan.Read(rows, gate, tally, deferFeatures: false, ct);
        var verdict = tally.Verdict();
        // Entities are split into groups by key hash and the groups planned in parallel; an entity's rows are all in one group.
        var groups = rows.Count >= MinRowsForParallelPlanning ? Environment.ProcessorCount : 1;
        List<int>[]? ordinals = null;
        if (groups > 1)
        {
            ordinals = new List<int>[groups];
            for (var g = 0; g < groups; g++)
                ordinals[g] = new List<int>((rows.Count / groups) + 1);
            for (var ordinal = 0; ordinal < rows.Count; ordinal++)
                ordinals[rows.StableHash(ordinal) % (uint)groups].Add(ordinal);
        }

        var plans = ParallelMap(groups, Environment.ProcessorCount, g => BucketPlanner.Plan(rows, ordinals?[g], gate, verdict, ct), ct);
        ordinals = null;
        var (bad, failBucketBad) = Rejected(plans);
        return InMemoryPlan(
            rows, rows.Count, scan, plans.SelectMany(p => p.Winners), plans.Sum(p => p.Winners.Count), options, bad, verdict.FailCutTicks, failBucketBad);
    }

    /// <summary>
    /// Without quality rules no row is ever rejected, so each entity's newest row is kept as the window is read, from keys
    /// and times alone: memory grows with entities, not with history. Then the winners' feature values are gathered row
    /// group by row group (several at once, each decoded column by column in parallel); a row group holding no winner is
    /// never decoded.
    /// Null when the window does not fit the memory budget whole and its entities outgrow their share of it: the window
    /// is then spilled.
    /// </summary>
    private static WindowPlan? LatestWhileReading(
        SourceScanner scan, int featureCount, QualityGate gate, GateTally tally, MaterializerOptions options, CancellationToken ct)
    {
        // A window that fits whole needs no limit: keeping only winners takes less than keeping every row.
        var maxEntities = scan.EstimatedBytes <= options.MemoryBudgetBytes
            ? int.MaxValue
            : MaxEntitiesInMemory(featureCount, options.MemoryBudgetBytes, scan.KeyingReserveBytes);
        var shards = scan.RowsToRead >= MinRowsForParallelPlanning ? Environment.ProcessorCount : 1;
        ScannedRows rows;
        long rowsRead;
        // At most one record per row read and per entity allowed: a bound within the budget.
        using (var sink = new LatestRowsSink(shards, (int)Math.Min(scan.RowsToRead, maxEntities), maxEntities))
        {
            try
            {
                rowsRead = scan.Read(sink, gate, tally, deferFeatures: true, ct);
            }
            catch (EntitiesAboveBudgetException)
            {
                return null;
            }

            rows = sink.Complete();
        }

        rows.GatherFeatures(
            featureCount,
            (count, body) => ParallelMap(count, SourceScanner.SegmentsGatheredAtOnce, i =>
            {
                body(i);
                return true;
            }, ct),
            segment => ParallelMap(segment.FeatureCount, Environment.ProcessorCount, f =>
            {
                segment.LoadFeature(f);
                return true;
            }, ct),
            ct);
        return InMemoryPlan(rows, rowsRead, scan, Enumerable.Range(0, rows.Count), rows.Count, options, [], null, []);
    }

    /// <summary>
    /// Entities a view without quality rules may keep in memory, at about 96 bytes each (row record, key bytes, two table
    /// slots) plus 16 per gathered feature value: the budget less what the scan itself holds
    /// (<see cref="SourceScanner.KeyingReserveBytes"/>), and at least a quarter of the budget.
    /// </summary>
    private static int MaxEntitiesInMemory(int featureCount, long budget, long keyingReserveBytes) =>
        (int)Math.Min(Array.MaxLength / Math.Max(1, featureCount), Math.Max(budget / 4, budget - keyingReserveBytes) / (96 + (16L * featureCount)));

    /// <summary>Cuts an in-memory window's winners into entity partitions (FNV mod the partition count, each in ordinal order).</summary>
    private static WindowPlan InMemoryPlan(
        ScannedRows rows, long rowsRead, SourceScanner scan, IEnumerable<int> winners, int winnerCount, MaterializerOptions options,
        IReadOnlyList<(SourceRow, string)> bad, long? failCutTicks, IReadOnlyList<(SourceRow, string)> failBucketBad)
    {
        var count = PartitionCount(winnerCount, options.EntitiesPerPartition, 1);
        var partitions = new List<int>[count];
        for (var p = 0; p < count; p++)
            partitions[p] = new List<int>((winnerCount / count) + 1);
        foreach (var ordinal in winners)
            partitions[(int)(rows.StableHash(ordinal) % (uint)count)].Add(ordinal);
        foreach (var partition in partitions)
            partition.Sort();
        return new WindowPlan(rowsRead, scan.Fingerprint, 1, [.. partitions.Select(p => p.Count)],
            (p, _) => new PartitionRows(rows, partitions[p]), bad, failCutTicks, failBucketBad, null);
    }

    private static WindowPlan Spilled(
        SourceScanner scan, ViewRunPlan plan, QualityGate gate, GateTally tally, MaterializerOptions options, SpillDirectory directory, CancellationToken ct)
    {
        try
        {
            var buckets = SpillBucketCount(scan, options.MemoryBudgetBytes);
            var types = plan.View.Features.Select(f => f.Type).ToArray();
            var files = new SpillFiles();
            IReadOnlyList<string> paths;
            long rowsRead;
            using (var sink = new SpillSink(directory, buckets, types, files))
            {
                scan.Read(sink, gate, tally, deferFeatures: false, ct);
                (paths, rowsRead) = (sink.Paths, sink.Rows);
            }

            var verdict = tally.Verdict();
            // Buckets are sized to a quarter of the budget, so up to four are planned at once.
            var planned = ParallelMap(buckets, Math.Min(Environment.ProcessorCount, 4), bucket =>
            {
                var rows = SpillReader.Read(paths[bucket], 0, null, types, files, ct);
                var bucketPlan = BucketPlanner.Plan(rows, null, gate, verdict, ct);
                var count = PartitionCount(bucketPlan.Winners.Count, options.EntitiesPerPartition, buckets);
                var partitions = Enumerable.Range(0, count).Select(_ => new List<int>()).ToArray();
                foreach (var ordinal in bucketPlan.Winners)
                    partitions[(int)(rows.StableHash(ordinal) / (uint)buckets % (uint)count)].Add(ordinal);
                var offsets = new long[count];
                using (var writer = new SpillWriter(WinnersPath(directory, bucket), types))
                {
                    for (var p = 0; p < count; p++)
                    {
                        partitions[p].Sort();
                        offsets[p] = writer.Position;
                        foreach (var ordinal in partitions[p])
                            writer.Write(rows, ordinal, files);
                    }
                }

                File.Delete(paths[bucket]);
                return (Plan: bucketPlan, Offsets: offsets, Sizes: partitions.Select(p => p.Count).ToArray());
            }, ct);

            var locations = new List<(int Bucket, long Offset)>();
            var sizes = new List<int>();
            for (var bucket = 0; bucket < buckets; bucket++)
            {
                for (var p = 0; p < planned[bucket].Offsets.Length; p++)
                {
                    locations.Add((bucket, planned[bucket].Offsets[p]));
                    sizes.Add(planned[bucket].Sizes[p]);
                }
            }

            var (bad, failBucketBad) = Rejected([.. planned.Select(b => b.Plan)]);
            return new WindowPlan(rowsRead, scan.Fingerprint, buckets, sizes, Load, bad, verdict.FailCutTicks, failBucketBad, directory);

            PartitionRows Load(int partition, CancellationToken token)
            {
                var (bucket, offset) = locations[partition];
                var rows = SpillReader.Read(WinnersPath(directory, bucket), offset, sizes[partition], types, files, token);
                return new PartitionRows(rows, Enumerable.Range(0, rows.Count).ToArray());
            }
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    private static string WinnersPath(SpillDirectory directory, int bucket) => directory.File($"winners-{bucket:D4}.rows");

    /// <summary>Enough buckets that each holds about a quarter of the budget, never fewer than two nor than <see cref="MinRowsPerSpillBucket"/> rows each.</summary>
    private static int SpillBucketCount(SourceScanner scan, long budget)
    {
        var wanted = Math.Ceiling(scan.EstimatedBytes * 4.0 / Math.Max(1, budget));
        var byRows = Math.Clamp(scan.RowsToRead / MinRowsPerSpillBucket, 2, MaxSpillBuckets);
        return (int)Math.Clamp(wanted, 2, byRows);
    }

    private static int PartitionCount(long winners, int entitiesPerPartition, int buckets)
    {
        var size = Math.Max(1, entitiesPerPartition);
        return (int)Math.Clamp((winners + size - 1) / size, 1, Math.Max(1, MaxPartitions / buckets));
    }

    /// <summary>The buckets' rejected rows in the order one reader would meet them: by gate bucket, then read order.</summary>
    private static (IReadOnlyList<(SourceRow, string)> Bad, IReadOnlyList<(SourceRow, string)> FailBucketBad) Rejected(IReadOnlyList<BucketPlan> plans) =>
        ([.. plans.SelectMany(p => p.Bad).OrderBy(b => b.Bucket).ThenBy(b => b.Sequence).Select(b => (b.Row, b.Reason))],
         [.. plans.SelectMany(p => p.FailBucketBad).OrderBy(b => b.Sequence).Select(b => (b.Row, b.Reason))]);

    private static T[] ParallelMap<T>(int count, int degree, Func<int, T> body, CancellationToken ct)
    {
        var results = new T[count];
        try
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, degree), CancellationToken = ct }, i => results[i] = body(i));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }

        return results;
    }
}
