using System.Diagnostics;
using FeatureStore.Materialization.Progress;
using FeatureStore.Materialization.Running;
using FeatureStore.Online;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Materialization.Tests;

/// <summary>--max-rows-per-second and the two progress styles (redrawn line on a terminal, plain lines otherwise).</summary>
public sealed class ThrottleAndProgressTests
{
    private static readonly DateTimeOffset D = TestRepo.Day0;

    [Fact]
    public Task Max_rows_per_second_spreads_the_writes_over_time() => WithMinutelyRowsAsync(300, async (repo, registry, online) =>
    {
        var materializer = new Materializer(registry, online, repo.Project, repo.Dir, new MaterializerOptions { Clock = repo.Clock, MaxRowsPerSecond = 100 });
        var clock = Stopwatch.StartNew();

        var summary = await materializer.MaterializeAsync(D, D.AddDays(1), ["driver_stats"]);

        // A one-second burst of 100 rows, then 200 rows at 100 per second.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.9), $"300 rows at 100/s took only {clock.Elapsed}");
        Assert.Equal(300, summary.Views[0].RowsWritten);
    });

    [Fact]
    public Task A_cancelled_run_ends_its_run_record_as_failed_with_the_rows_done() => WithMinutelyRowsAsync(300, async (repo, registry, online) =>
    {
        // Throttled to 100 rows/s; the token is cancelled once the first rows are written (as Ctrl-C would be).
        using var cancel = new CancellationTokenSource();
        var options = new MaterializerOptions { Clock = repo.Clock, MaxRowsPerSecond = 100, WritesInFlight = 1, Progress = new CancelOnFirstWrite(cancel) };
        var materializer = new Materializer(registry, online, repo.Project, repo.Dir, options);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => materializer.MaterializeAsync(D, D.AddDays(1), ["driver_stats"], cancel.Token));

        var run = Assert.Single(await registry.GetRunsAsync(repo.Project, "driver_stats"));
        Assert.Equal(MaterializationRunStatus.Failed, run.Status);
        Assert.InRange(run.RowsWritten, 1, 299);
        Assert.StartsWith($"view 'driver_stats': cancelled after {run.RowsWritten} of 300 rows", run.Error, StringComparison.Ordinal);
    });

    /// <summary>An applied SQLite repo with <paramref name="rows"/> minutely rows, and its registry and online store.</summary>
    private static async Task WithMinutelyRowsAsync(int rows, Func<TestRepo, IRegistryStore, IOnlineStore, Task> test)
    {
        await using var repo = new TestRepo("sqlite");
        repo.AddMinutelyRows(rows);
        await repo.ApplyAsync();
        await using var registry = await repo.OpenRegistryAsync();
        await using var online = repo.OpenOnline();
        await test(repo, registry, online);
    }

    private sealed class CancelOnFirstWrite(CancellationTokenSource cancel) : IMaterializationProgress
    {
        public void ViewStarted(string view, long rowsRead, long rowsToWrite, int chunks) { }

        public void RowsWritten(string view, long writtenSoFar, long rowsToWrite) => cancel.Cancel();

        public void ChunkDone(string view, int chunk, int chunks, DateTimeOffset chunkStart, long rowsWritten, long rowsSkippedOlder, long rowsRejected) { }

        public void ViewFinished(ViewMaterializationResult result) { }
    }

    [Fact]
    public void Plain_progress_prints_a_line_per_partition_a_resume_line_and_a_summary()
    {
        using var output = new StringWriter();
        var progress = new ConsoleProgress(output, interactive: false);

        progress.ViewStarted("v", 10, 4, 3);
        progress.PartitionsResumed("v", 1, 3);
        progress.RowsWritten("v", 2, 4);
        progress.ChunkDone("v", 2, 3, D, 2, 0, 1);
        progress.ViewFinished(new ViewMaterializationResult("v", D, D.AddDays(1), 10, 4, 0, 1, 0, TimeSpan.FromSeconds(1.5), D, null, null, null));

        Assert.Equal(
            "v: 10 rows read, 4 to write in 3 partition(s)\n" +
            "v: resuming: 1 partition(s) (3 rows) already written by an interrupted run of the same request\n" +
            "v: partition 2/3 written 2, skipped as older 0\n" +
            "v: done read 10, written 4, skipped as older 0, quarantined 1, warned 0, newest event 2026-01-01T00:00:00Z, 1.5s\n",
            output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Interactive_progress_redraws_one_line_with_rate_and_eta()
    {
        using var output = new StringWriter();
        var progress = new ConsoleProgress(output, interactive: true);

        progress.ViewStarted("v", 10, 4, 2);
        progress.RowsWritten("v", 4, 4);
        progress.ChunkDone("v", 1, 2, D, 4, 0, 0);

        var text = output.ToString();
        Assert.Contains("\rv [##############################] 4/4 ", text, StringComparison.Ordinal);
        Assert.Contains(" rows/s ETA 00:00:00", text, StringComparison.Ordinal);
        Assert.DoesNotContain("partition 1/2", text, StringComparison.Ordinal);
    }
}
