using System.Diagnostics;
using FeatureStore.Materialization.Planning;
using FeatureStore.Materialization.Quality;
using FeatureStore.Online;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Materialization.Running;

/// <summary>
/// Runs one view: read the window, plan it as a whole (quality gate, latest good row per entity, entity partitions), then
/// write partition by partition, recording each partition as done once its writes returned, so a re-run of the same
/// request skips durable partitions. Watermarks move only when the view's run completes. A quality failure under policy
/// fail plans nothing from the failing bucket on; an unreachable store throws <see cref="MaterializationException"/>.
/// </summary>
internal sealed class ViewRunner(
    IRegistryStore registry, IOnlineStore online, string project, string repoDir, string runId, MaterializerOptions options, TokenBucket? throttle)
{
    public async Task<ViewMaterializationResult> RunAsync(ViewRunPlan plan, CancellationToken ct)
    {
        var view = plan.View;
        // Results, records, watermarks, progress and messages name the version ("name" for 1, "name@N" otherwise).
        var key = plan.Key;
        var startedAt = options.Clock.GetUtcNow();
        var timer = Stopwatch.StartNew();
        var counts = new Counts();
        string? quarantineFile = null;
        var policy = view.Quality?.Policy;

        ViewMaterializationResult Result(string? error) => new(
            key, plan.WindowStart, plan.WindowEnd, counts.Read, counts.Written, counts.Skipped, counts.Quarantined, counts.Warned,
            timer.Elapsed, counts.Newest, quarantineFile is null ? null : Path.GetRelativePath(repoDir, quarantineFile), policy, error);
        MaterializationRunRecord Record(ViewMaterializationResult result, MaterializationRunStatus status) =>
            result.ToRecord(runId, startedAt, status) with { Host = Environment.MachineName, ProcessId = Environment.ProcessId, HeartbeatAt = options.Clock.GetUtcNow() };

        await registry.RecordRunAsync(project, Record(Result(null), MaterializationRunStatus.Running), ct).ConfigureAwait(false);
        await using var heartbeat = new Heartbeat(options.HeartbeatInterval,
            token => registry.RecordRunAsync(project, Record(Result(null), MaterializationRunStatus.Running), token));

        WindowPlan planned;
        try
        {
            planned = WindowPlanner.Plan(plan, project, repoDir, runId, options, ct);
        }
        catch (Exception e) when (e is MaterializationException || (e is OperationCanceledException && ct.IsCancellationRequested))
        {
            // The run record ends failed instead of staying "running"; nothing was written and no watermark moved.
            var message = e is MaterializationException ? e.Message : $"view '{key}': cancelled while reading the window; nothing was written";
            await heartbeat.DisposeAsync().ConfigureAwait(false);
            await RecordEndAsync(Result(message), MaterializationRunStatus.Failed).ConfigureAwait(false);
            throw;
        }

        using var window = planned;
        var workKey = WorkKey.Of(plan, window.SourceFingerprint, window.PartitionCount, window.SpillBuckets);
        var done = await registry.GetDonePartitionsAsync(project, workKey, ct).ConfigureAwait(false);
        counts.Read = window.RowsRead;
        var rowsToWrite = Enumerable.Range(0, window.PartitionCount).Where(p => !done.Contains(p)).Sum(p => (long)window.PartitionSizes[p]);
        if (window.SpillBuckets > 1)
            options.Progress?.WindowSpilled(key, window.SpillBuckets);
        options.Progress?.ViewStarted(key, counts.Read, rowsToWrite, window.PartitionCount);
        if (done.Count > 0)
            options.Progress?.PartitionsResumed(key, done.Count, window.Winners - rowsToWrite);

        if (policy == QualityPolicy.Quarantine && window.Bad.Count > 0)
        {
            counts.Quarantined = window.Bad.Count;
            quarantineFile = QuarantineWriter.Write(repoDir, runId, view, [.. plan.Entities.SelectMany(e => e.JoinKeys).Select(k => k.Name)], window.Bad);
        }
        else if (policy == QualityPolicy.Warn)
        {
            counts.Warned = window.Bad.Count;
        }

        await registry.RecordRunAsync(project, Record(Result(null), MaterializationRunStatus.Running), ct).ConfigureAwait(false);
        var viewRef = new OnlineViewRef(project, view.Name, view.Version);
        var writeOptions = new OnlineWriteOptions(view.Ttl);
        var featureNames = view.Features.Select(f => f.Name).ToList();
        const string RerunHint = "(completed partitions are recorded and the watermark has not moved; re-run the same command to resume)";
        string? error = null;
        try
        {
            for (var p = 0; p < window.PartitionCount; p++)
            {
                if (done.Contains(p))
                    continue;
                var partition = window.Load(p, ct);
                var (written, skipped) = await WritePartitionAsync(key, viewRef, featureNames, writeOptions, partition, counts, rowsToWrite, ct).ConfigureAwait(false);
                await registry.RecordPartitionDoneAsync(project, workKey, p, runId, ct).ConfigureAwait(false);
                await registry.RecordRunAsync(project, Record(Result(null), MaterializationRunStatus.Running), ct).ConfigureAwait(false);
                options.Progress?.ChunkDone(key, p + 1, window.PartitionCount, plan.WindowStart, written, skipped, 0);
            }

            var now = options.Clock.GetUtcNow();
            if (window.FailCutTicks is { } cut)
            {
                var (row, reason) = window.FailBucketBad[0];
                error = $"view '{key}': quality rule failed at {row.Where} ({reason}); policy fail: nothing from chunk " +
                        $"{new DateTimeOffset(cut, TimeSpan.Zero):yyyy-MM-ddTHH:mm:ssZ} on was written ({window.FailBucketBad.Count} bad row(s) in that chunk)";
                // Rows before the failing bucket are all written: the event watermark may cover them (never the window's earlier gap).
                var mark = Math.Min(cut - 1, plan.Window.EventEnd);
                if (plan.AdvanceEvent && mark >= plan.Window.EventStart)
                    await registry.AdvanceWatermarkAsync(project, new MaterializationWatermark(key, new DateTimeOffset(mark, TimeSpan.Zero), null, now), ct).ConfigureAwait(false);
            }
            else if (plan.AdvanceEvent || plan.CreatedWatermarkOnSuccess is not null)
            {
                var end = new DateTimeOffset(plan.Window.EventEnd, TimeSpan.Zero);
                await registry.AdvanceWatermarkAsync(project,
                    new MaterializationWatermark(key, plan.AdvanceEvent ? end : DateTimeOffset.MinValue, plan.CreatedWatermarkOnSuccess, now), ct).ConfigureAwait(false);
            }

            await registry.ClearDonePartitionsAsync(project, workKey, ct).ConfigureAwait(false);
        }
        catch (OnlineStoreUnavailableException e)
        {
            var message = $"view '{key}': online store unavailable, stopped after {counts.Written + counts.Skipped} of {rowsToWrite} rows " +
                          $"{RerunHint}: {e.Message}";
            await heartbeat.DisposeAsync().ConfigureAwait(false);
            await RecordEndAsync(Result(message), MaterializationRunStatus.Failed).ConfigureAwait(false);
            throw new MaterializationException(message, e);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Ctrl-C (the CLI cancels its token) or a caller's token: end the run record instead of leaving it "running".
            var message = $"view '{key}': cancelled after {counts.Written + counts.Skipped} of {rowsToWrite} rows {RerunHint}";
            await heartbeat.DisposeAsync().ConfigureAwait(false);
            await RecordEndAsync(Result(message), MaterializationRunStatus.Failed).ConfigureAwait(false);
            throw;
        }

        await heartbeat.DisposeAsync().ConfigureAwait(false);
        var result = Result(error);
        await RecordEndAsync(result, error is null ? MaterializationRunStatus.Succeeded : MaterializationRunStatus.Failed).ConfigureAwait(false);
        options.Progress?.ViewFinished(result);
        return result;

        async Task RecordEndAsync(ViewMaterializationResult final, MaterializationRunStatus status) =>
            await registry.RecordRunAsync(project, Record(final, status), CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes one partition's winners in batches, up to <see cref="MaterializerOptions.WritesInFlight"/> at once (one row
    /// per entity, so batches never race on a key), and returns when every batch has completed.
    /// </summary>
    private async Task<(long Written, long Skipped)> WritePartitionAsync(
        string key, OnlineViewRef viewRef, IReadOnlyList<string> featureNames, OnlineWriteOptions writeOptions, PartitionRows partition,
        Counts counts, long rowsToWrite, CancellationToken ct)
    {
        var winners = partition.Ordinals;
        long written = 0, skipped = 0;
        var batchSize = Math.Max(1, options.MaxRowsPerSecond is { } rate ? (int)Math.Min(options.BatchSize, Math.Max(1, rate)) : options.BatchSize);
        var inFlight = new List<Task<OnlineWriteResult>>();
        for (var offset = 0; offset < winners.Count; offset += batchSize)
        {
            var count = Math.Min(batchSize, winners.Count - offset);
            if (throttle is not null)
                await throttle.TakeAsync(count, ct).ConfigureAwait(false);
            var rows = new OnlineRow[count];
            for (var i = 0; i < count; i++)
            {
                rows[i] = partition.Rows.ToOnlineRow(winners[offset + i]);
                if (counts.Newest is not { } newest || rows[i].EventTimestamp > newest)
                    counts.Newest = rows[i].EventTimestamp;
            }

            inFlight.Add(online.WriteAsync(viewRef, featureNames, rows, writeOptions, ct));
            if (inFlight.Count >= Math.Max(1, options.WritesInFlight))
                await CompleteOneAsync().ConfigureAwait(false);
        }

        while (inFlight.Count > 0)
            await CompleteOneAsync().ConfigureAwait(false);
        return (written, skipped);

        async Task CompleteOneAsync()
        {
            var finished = await Task.WhenAny(inFlight).ConfigureAwait(false);
            inFlight.Remove(finished);
            try
            {
                var result = await finished.ConfigureAwait(false);
                written += result.Written;
                skipped += result.SkippedOlder;
                counts.Written += result.Written;
                counts.Skipped += result.SkippedOlder;
                options.Progress?.RowsWritten(key, counts.Written + counts.Skipped, rowsToWrite);
            }
            catch
            {
                // Let the other writes finish (or fail) before reporting, so nothing is still running when the partition is judged.
                await Task.WhenAll(inFlight.Select(t => t.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default))).ConfigureAwait(false);
                throw;
            }
        }
    }

    private sealed class Counts
    {
        public long Read { get; set; }

        public long Written { get; set; }

        public long Skipped { get; set; }

        public long Quarantined { get; set; }

        public long Warned { get; set; }

        public DateTimeOffset? Newest { get; set; }
    }
}
