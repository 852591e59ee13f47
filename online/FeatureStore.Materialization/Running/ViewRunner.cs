using System.Diagnostics;
using FeatureStore.Materialization.Quality;
using FeatureStore.Materialization.Source;
using FeatureStore.Online;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Materialization.Running;

/// <summary>
/// Runs one view: read the window, plan chunks (quality gate, latest row per entity), write chunk by chunk, and move the
/// watermark only after a chunk's writes have returned. A quality failure under policy fail stops the view before the
/// failing chunk; an unreachable store throws <see cref="MaterializationException"/> and leaves the watermark at the
/// last completed chunk.
/// </summary>
internal sealed class ViewRunner(
    IRegistryStore registry, IOnlineStore online, string project, string repoDir, string runId, MaterializerOptions options, TokenBucket? throttle)
{
    public async Task<ViewMaterializationResult> RunAsync(ViewRunPlan plan, CancellationToken ct)
    {
        var view = plan.View;
        var startedAt = options.Clock.GetUtcNow();
        var timer = Stopwatch.StartNew();
        var gate = new QualityGate(view);
        var chunks = ChunkPlanner.Plan(SourceScanner.Scan(view, plan.Source, plan.Entities, repoDir, plan.Window), options.ChunkSize, gate);
        var policy = view.Quality?.Policy;
        var failing = policy == QualityPolicy.Fail ? chunks.FindIndex(c => c.Bad.Count > 0) : -1;
        var toWrite = chunks.Take(failing < 0 ? chunks.Count : failing).ToList();
        var counts = new Counts { Read = chunks.Sum(c => (long)c.RowsRead) };
        var rowsToWrite = toWrite.Sum(c => (long)c.Winners.Count);
        options.Progress?.ViewStarted(view.Name, counts.Read, rowsToWrite, chunks.Count);

        var quarantined = policy == QualityPolicy.Quarantine ? toWrite.SelectMany(c => c.Bad).ToList() : [];
        counts.Quarantined = quarantined.Count;
        counts.Warned = policy == QualityPolicy.Warn ? toWrite.Sum(c => (long)c.Bad.Count) : 0;
        var quarantineFile = quarantined.Count > 0
            ? QuarantineWriter.Write(repoDir, runId, view, [.. plan.Entities.SelectMany(e => e.JoinKeys).Select(k => k.Name)], quarantined)
            : null;

        ViewMaterializationResult Result(string? error) => new(
            view.Name, plan.WindowStart, plan.WindowEnd, counts.Read, counts.Written, counts.Skipped, counts.Quarantined, counts.Warned,
            timer.Elapsed, counts.Newest, quarantineFile is null ? null : Path.GetRelativePath(repoDir, quarantineFile), policy, error);

        await registry.RecordRunAsync(project, Result(null).ToRecord(runId, startedAt, MaterializationRunStatus.Running), ct).ConfigureAwait(false);
        var viewRef = new OnlineViewRef(project, view.Name, view.Version);
        var writeOptions = new OnlineWriteOptions(view.Ttl);
        var featureNames = view.Features.Select(f => f.Name).ToList();
        const string RerunHint = "(the watermark covers only completed chunks; re-run to complete the range)";
        string? error = null;
        try
        {
            for (var i = 0; i < toWrite.Count; i++)
            {
                var chunk = toWrite[i];
                var (written, skipped) = await WriteChunkAsync(viewRef, featureNames, writeOptions, chunk, counts, rowsToWrite, ct).ConfigureAwait(false);
                if (plan.AdvanceEvent)
                {
                    var mark = Math.Min(chunk.EndTicks, plan.Window.EventEnd);
                    await registry.AdvanceWatermarkAsync(project,
                        new MaterializationWatermark(view.Name, new DateTimeOffset(mark, TimeSpan.Zero), null, options.Clock.GetUtcNow()), ct).ConfigureAwait(false);
                }

                options.Progress?.ChunkDone(view.Name, i + 1, chunks.Count, chunk.Start, written, skipped, chunk.Bad.Count);
                await registry.RecordRunAsync(project, Result(null).ToRecord(runId, startedAt, MaterializationRunStatus.Running), ct).ConfigureAwait(false);
            }

            if (failing >= 0)
            {
                var (row, reason) = chunks[failing].Bad[0];
                error = $"view '{view.Name}': quality rule failed at {row.Where} ({reason}); policy fail: nothing from chunk " +
                        $"{chunks[failing].Start:yyyy-MM-ddTHH:mm:ssZ} on was written ({chunks[failing].Bad.Count} bad row(s) in that chunk)";
            }
            else if (plan.AdvanceEvent || plan.CreatedWatermarkOnSuccess is not null)
            {
                var end = new DateTimeOffset(plan.Window.EventEnd, TimeSpan.Zero);
                await registry.AdvanceWatermarkAsync(project,
                    new MaterializationWatermark(view.Name, plan.AdvanceEvent ? end : DateTimeOffset.MinValue, plan.CreatedWatermarkOnSuccess, options.Clock.GetUtcNow()),
                    ct).ConfigureAwait(false);
            }
        }
        catch (OnlineStoreUnavailableException e)
        {
            var message = $"view '{view.Name}': online store unavailable, stopped after {counts.Written + counts.Skipped} of {rowsToWrite} rows " +
                          $"{RerunHint}: {e.Message}";
            await RecordEndAsync(Result(message), startedAt, MaterializationRunStatus.Failed).ConfigureAwait(false);
            throw new MaterializationException(message, e);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Ctrl-C (the CLI cancels its token) or a caller's token: end the run record instead of leaving it "running".
            var message = $"view '{view.Name}': cancelled after {counts.Written + counts.Skipped} of {rowsToWrite} rows {RerunHint}";
            await RecordEndAsync(Result(message), startedAt, MaterializationRunStatus.Failed).ConfigureAwait(false);
            throw;
        }

        var result = Result(error);
        await RecordEndAsync(result, startedAt, error is null ? MaterializationRunStatus.Succeeded : MaterializationRunStatus.Failed).ConfigureAwait(false);
        options.Progress?.ViewFinished(result);
        return result;

        async Task RecordEndAsync(ViewMaterializationResult final, DateTimeOffset started, MaterializationRunStatus status) =>
            await registry.RecordRunAsync(project, final.ToRecord(runId, started, status), CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes a chunk's winners in batches, up to <see cref="MaterializerOptions.WritesInFlight"/> at once (a chunk holds one
    /// row per entity, so batches never race on a key), and returns when every batch has completed.
    /// </summary>
    private async Task<(long Written, long Skipped)> WriteChunkAsync(
        OnlineViewRef viewRef, IReadOnlyList<string> featureNames, OnlineWriteOptions writeOptions, ChunkPlan chunk, Counts counts, long rowsToWrite, CancellationToken ct)
    {
        long written = 0, skipped = 0;
        var batchSize = Math.Max(1, options.MaxRowsPerSecond is { } rate ? (int)Math.Min(options.BatchSize, Math.Max(1, rate)) : options.BatchSize);
        var inFlight = new List<Task<OnlineWriteResult>>();
        for (var offset = 0; offset < chunk.Winners.Count; offset += batchSize)
        {
            var count = Math.Min(batchSize, chunk.Winners.Count - offset);
            if (throttle is not null)
                await throttle.TakeAsync(count, ct).ConfigureAwait(false);
            var rows = new OnlineRow[count];
            for (var i = 0; i < count; i++)
            {
                var ordinal = chunk.Winners[offset + i];
                rows[i] = chunk.Rows.ToOnlineRow(ordinal);
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
            var done = await Task.WhenAny(inFlight).ConfigureAwait(false);
            inFlight.Remove(done);
            try
            {
                var result = await done.ConfigureAwait(false);
                written += result.Written;
                skipped += result.SkippedOlder;
                counts.Written += result.Written;
                counts.Skipped += result.SkippedOlder;
                options.Progress?.RowsWritten(viewRef.View, counts.Written + counts.Skipped, rowsToWrite);
            }
            catch
            {
                // Let the other writes finish (or fail) before reporting, so nothing is still running when the watermark is judged.
                await Task.WhenAll(inFlight.Select(t => t.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default))).ConfigureAwait(false);
                throw;
            }
        }
    }

    private sealed class Counts
    {
        public long Read { get; init; }

        public long Written { get; set; }

        public long Skipped { get; set; }

        public long Quarantined { get; set; }

        public long Warned { get; set; }

        public DateTimeOffset? Newest { get; set; }
    }
}
