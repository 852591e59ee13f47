using FeatureStore.Cli;

namespace FeatureStore.Materialization.Tests;

/// <summary>The materialize commands through the CLI's error boundary: one-line errors, summaries, run records.</summary>
public sealed class CliCommandTests
{
    private static Task<(int Exit, string Output, string Error)> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    private static async Task<(int Exit, string Output, string Error)> RunAsync(CancellationToken cancellation, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, error, cancellation);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Cancelled_materialize_exits_130_with_one_line_and_records_the_run_as_failed()
    {
        await using var repo = new TestRepo("sqlite");
        repo.AddMinutelyRows(300);
        await repo.ApplyAsync();
        // 50 rows per second: the 300 rows take 5 s, and the token (as Ctrl-C would) stops it after 2 s.
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        var run = await RunAsync(cancel.Token, "--repo", repo.Dir, "materialize", "2026-01-01", "2026-01-02", "--views", "driver_stats", "--max-rows-per-second", "50");
        var runs = await RunAsync("--repo", repo.Dir, "materialization-runs", "--view", "driver_stats");

        Assert.Equal((130, "error: cancelled before the command finished\n"), (run.Exit, run.Error));
        Assert.Equal(0, runs.Exit);
        Assert.Contains("driver_stats  failed", runs.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("running", runs.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Materialize_with_end_in_the_future_is_refused_with_one_line()
    {
        await using var repo = new TestRepo("sqlite");
        repo.AddFile(new HistoryRow(1, TestRepo.Day0, TestRepo.Day0, 0.1f, 1));
        await repo.ApplyAsync();

        var (exit, _, error) = await RunAsync("--repo", repo.Dir, "materialize", "2026-01-01", "2999-01-01");

        Assert.Equal(1, exit);
        Assert.StartsWith("error: END 2999-01-01T00:00:00Z is in the future (now ", error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Materialize_then_materialization_runs_shows_counts_and_watermarks()
    {
        await using var repo = new TestRepo("sqlite");
        repo.AddFile(new HistoryRow(1, TestRepo.Day0, TestRepo.Day0, 0.1f, 1), new HistoryRow(1, TestRepo.Day0.AddHours(1), TestRepo.Day0, 0.2f, 2));
        await repo.ApplyAsync();

        var run = await RunAsync("--repo", repo.Dir, "materialize", "2026-01-01", "2026-01-02", "--views", "driver_stats");
        var runs = await RunAsync("--repo", repo.Dir, "materialization-runs", "--view", "driver_stats");

        Assert.Equal((0, ""), (run.Exit, run.Error));
        Assert.Contains("driver_stats: done read 2, written 1, skipped as older 0, quarantined 0, warned 0, newest event 2026-01-01T01:00:00Z", run.Output, StringComparison.Ordinal);
        Assert.Equal(0, runs.Exit);
        Assert.Contains("driver_stats  succeeded  2     1", runs.Output, StringComparison.Ordinal);
        Assert.Contains("driver_stats  2026-01-02T00:00:00Z", runs.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Memory_budget_below_the_window_spills_it_and_writes_the_same_rows()
    {
        await using var repo = new TestRepo("sqlite");
        repo.AddMinutelyRows(300);
        await repo.ApplyAsync();

        var spilled = await RunAsync("--repo", repo.Dir, "materialize", "2026-01-01", "2026-01-02", "--views", "driver_stats", "--memory-budget", "1KB");
        var again = await RunAsync("--repo", repo.Dir, "materialize", "2026-01-01", "2026-01-02", "--views", "driver_stats");

        Assert.Equal((0, ""), (spilled.Exit, spilled.Error));
        Assert.Contains("driver_stats: window above the memory budget: planned from 2 entity buckets spilled to disk", spilled.Output, StringComparison.Ordinal);
        Assert.Contains("driver_stats: done read 300, written 300,", spilled.Output, StringComparison.Ordinal);
        Assert.Equal((0, ""), (again.Exit, again.Error));
        Assert.DoesNotContain("memory budget", again.Output, StringComparison.Ordinal);
        Assert.Contains("driver_stats: done read 300, written 300,", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Memory_budget_that_is_not_a_size_is_refused_with_one_line()
    {
        var (exit, _, error) = await RunAsync("materialize", "2026-01-01", "2026-01-02", "--memory-budget", "lots");

        Assert.Equal((1, "error: --memory-budget 'lots' is not a size: use e.g. 512MB or 2GB\n"), (exit, error));
    }

    [Fact]
    public async Task Bad_start_time_names_the_argument()
    {
        var (exit, _, error) = await RunAsync("materialize", "yesterday", "2026-01-02");

        Assert.Equal((1, "error: START 'yesterday' is not an ISO-8601 time (e.g. 2026-01-31 or 2026-01-31T12:00:00Z)\n"), (exit, error));
    }
}
