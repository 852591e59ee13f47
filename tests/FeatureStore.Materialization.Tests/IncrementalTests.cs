using FeatureStore.Registry.Storage;
using static FeatureStore.Materialization.Tests.LatestPerEntityTests;

namespace FeatureStore.Materialization.Tests;

/// <summary>materialize-incremental: continues from the watermarks and follows created time, so late data is not skipped (Feast #4133).</summary>
public sealed class IncrementalTests
{
    private static readonly DateTimeOffset D = TestRepo.Day0;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("redis")]
    public async Task Late_rows_with_old_event_times_are_picked_up_by_the_next_incremental_run(string store)
    {
        await using var repo = new TestRepo(store);
        repo.AddFile(
            new HistoryRow(1, D.AddDays(1), D.AddDays(1), 0.1f, 1),
            new HistoryRow(2, D.AddDays(2), D.AddDays(2), 0.2f, 2));
        await repo.ApplyAsync();
        var materializer = await repo.MaterializerAsync();
        repo.Clock.Now = D.AddDays(3);
        await materializer.MaterializeIncrementalAsync();

        // Arrives on day 5 but describes day 2.5, before the event watermark (day 3): event-time-only windows skip it.
        repo.AddFile(new HistoryRow(2, D.AddDays(2.5), D.AddDays(5), 0.25f, 25));
        repo.Clock.Now = D.AddDays(6);
        var second = await materializer.MaterializeIncrementalAsync();

        Assert.Equal([$"1 {Iso(D.AddDays(1))} 0.1,1,London", $"2 {Iso(D.AddDays(2.5))} 0.25,25,London"], await repo.DumpAsync("driver_stats", 2));
        var stats = Assert.Single(second.Views, v => v.View == "driver_stats");
        Assert.Equal((1L, 1L), (stats.RowsRead, stats.RowsWritten));
        // The view whose source has no created column follows event time only, as documented.
        Assert.Equal([$"1 {Iso(D.AddDays(1))} 0.1,1", $"2 {Iso(D.AddDays(2))} 0.2,2"], await repo.DumpAsync("driver_stats_by_event", 2));
    }

    [Fact]
    public async Task Incremental_runs_move_both_watermarks_and_read_only_new_rows()
    {
        await using var repo = new TestRepo("sqlite");
        repo.AddFile(new HistoryRow(1, D.AddDays(1), D.AddDays(1), 0.1f, 1));
        await repo.ApplyAsync();
        var materializer = await repo.MaterializerAsync();
        repo.Clock.Now = D.AddDays(2);

        var first = await materializer.MaterializeIncrementalAsync();
        repo.AddFile(new HistoryRow(1, D.AddDays(2.5), D.AddDays(2.5), 0.3f, 3));
        repo.Clock.Now = D.AddDays(3);
        var second = await materializer.MaterializeIncrementalAsync();
        var third = await materializer.MaterializeIncrementalAsync();

        Assert.Equal([1L, 1L, 0L], new[] { first, second, third }.Select(s => s.Views.Single(v => v.View == "driver_stats").RowsRead));
        await using var registry = await repo.OpenRegistryAsync();
        var marks = await registry.GetWatermarksAsync(repo.Project);
        var stats = Assert.Single(marks, m => m.View == "driver_stats");
        Assert.Equal((D.AddDays(3), (DateTimeOffset?)D.AddDays(3)), (stats.EventWatermark, stats.CreatedWatermark));
        Assert.Null(Assert.Single(marks, m => m.View == "driver_stats_by_event").CreatedWatermark);
    }

    [Fact]
    public async Task Rows_created_after_the_run_started_wait_for_the_next_run()
    {
        await using var repo = new TestRepo("sqlite");
        repo.AddFile(new HistoryRow(1, D.AddDays(1), D.AddDays(4), 0.4f, 4));
        await repo.ApplyAsync();
        var materializer = await repo.MaterializerAsync();
        repo.Clock.Now = D.AddDays(2);

        await materializer.MaterializeIncrementalAsync(views: ["driver_stats"]);
        var before = await repo.DumpAsync("driver_stats", 1);
        repo.Clock.Now = D.AddDays(5);
        await materializer.MaterializeIncrementalAsync(views: ["driver_stats"]);

        Assert.Equal(["1 -"], before);
        Assert.Equal([$"1 {Iso(D.AddDays(1))} 0.4,4,London"], await repo.DumpAsync("driver_stats", 1));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("redis")]
    public async Task Rerunning_any_range_gives_the_same_online_state(string store)
    {
        await using var repo = new TestRepo(store);
        var random = new Random(7);
        repo.AddFile([.. Enumerable.Range(0, 400).Select(i => new HistoryRow(
            1 + random.Next(40), D.AddMinutes(random.Next(0, 60 * 24 * 5)), D.AddDays(6).AddMinutes(random.Next(100)), random.NextSingle(), i))]);
        await repo.ApplyAsync();
        var materializer = await repo.MaterializerAsync(chunk: TimeSpan.FromHours(12));

        await materializer.MaterializeAsync(D, D.AddDays(5));
        var once = await repo.DumpAsync("driver_stats", 40);
        await materializer.MaterializeAsync(D.AddDays(1), D.AddDays(3));
        await materializer.MaterializeAsync(D, D.AddDays(5));
        await materializer.MaterializeIncrementalAsync();

        Assert.Equal(once, await repo.DumpAsync("driver_stats", 40));
        Assert.DoesNotContain(once, line => line.EndsWith(" -", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Backfill_leaving_a_gap_after_the_watermark_does_not_move_it()
    {
        await using var repo = new TestRepo("sqlite");
        repo.AddFile(new HistoryRow(1, D.AddDays(1), D.AddDays(1), 0.1f, 1), new HistoryRow(2, D.AddDays(5), D.AddDays(5), 0.5f, 5));
        await repo.ApplyAsync();
        var materializer = await repo.MaterializerAsync();

        await materializer.MaterializeAsync(D, D.AddDays(2), ["driver_stats"]);
        repo.Clock.Now = repo.Clock.Now.AddMinutes(1);
        await materializer.MaterializeAsync(D.AddDays(4), D.AddDays(6), ["driver_stats"]);

        await using var registry = await repo.OpenRegistryAsync();
        var mark = Assert.Single(await registry.GetWatermarksAsync(repo.Project));
        Assert.Equal(D.AddDays(2), mark.EventWatermark);
        var runs = await registry.GetRunsAsync(repo.Project, "driver_stats");
        Assert.Equal([MaterializationRunStatus.Succeeded, MaterializationRunStatus.Succeeded], runs.Select(r => r.Status));
        Assert.Equal((1L, 1L, D.AddDays(5)), (runs[0].RowsRead, runs[0].RowsWritten, runs[0].NewestEventWritten));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("redis")]
    public async Task A_second_incremental_run_with_one_late_correction_for_one_entity_writes_exactly_one_row(string store)
    {
        const int Drivers = 200;
        await using var repo = new TestRepo(store);
        repo.AddFile([.. Enumerable.Range(0, Drivers * 3).Select(i =>
            new HistoryRow(1 + (i % Drivers), D.AddHours(1 + (i / Drivers)), D.AddHours(1 + (i / Drivers)), 0.1f, i))]);
        await repo.ApplyAsync();
        repo.Clock.Now = D.AddDays(1);
        var first = Assert.Single((await (await repo.MaterializerAsync()).MaterializeIncrementalAsync(views: ["driver_stats"])).Views);
        var before = await repo.DumpAsync("driver_stats", Drivers);

        // Driver 17's stored row is from hour 3; the correction describes hour 4 and arrives on day 2.
        repo.AddFile(new HistoryRow(17, D.AddHours(4), D.AddDays(2), 0.9f, 999));
        repo.Clock.Now = D.AddDays(3);
        var summary = await (await repo.MaterializerAsync()).MaterializeIncrementalAsync();

        Assert.Equal(((long)Drivers * 3, (long)Drivers), (first.RowsRead, first.RowsWritten));
        var second = Assert.Single(summary.Views, v => v.View == "driver_stats");
        Assert.Equal((1L, 1L, 0L), (second.RowsRead, second.RowsWritten, second.RowsSkippedOlder));
        var after = await repo.DumpAsync("driver_stats", Drivers);
        Assert.Equal($"17 {Iso(D.AddHours(4))} 0.9,999,London", after[16]);
        Assert.Equal(before.Where((_, i) => i != 16), after.Where((_, i) => i != 16));
    }
}
