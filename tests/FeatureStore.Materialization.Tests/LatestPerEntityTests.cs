namespace FeatureStore.Materialization.Tests;

/// <summary>What a backfill writes: the latest row per entity in the window (event time, then created time), bounds inclusive.</summary>
public sealed class LatestPerEntityTests
{
    private static readonly DateTimeOffset D = TestRepo.Day0;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("redis")]
    public async Task Latest_row_per_entity_wins_by_event_time_then_created_time(string store)
    {
        await using var repo = new TestRepo(store);
        repo.AddFile(
            new HistoryRow(1, D.AddHours(1), D.AddHours(1), 0.1f, 1),
            new HistoryRow(1, D.AddHours(5), D.AddHours(5), 0.5f, 5),
            new HistoryRow(1, D.AddHours(3), D.AddHours(9), 0.3f, 3),
            // Driver 2: two rows at the same event time; the later created one is the correction and must win.
            new HistoryRow(2, D.AddHours(2), D.AddHours(8), 0.8f, 8),
            new HistoryRow(2, D.AddHours(2), D.AddHours(2), 0.2f, 2));
        await repo.ApplyAsync();
        var materializer = await repo.MaterializerAsync();

        var summary = await materializer.MaterializeAsync(D, D.AddDays(1));

        Assert.Equal(
            [$"1 {Iso(D.AddHours(5))} 0.5,5,London", $"2 {Iso(D.AddHours(2))} 0.8,8,London", "3 -"],
            await repo.DumpAsync("driver_stats", 3));
        var stats = Assert.Single(summary.Views, v => v.View == "driver_stats");
        Assert.Equal((5L, 2L, 0L), (stats.RowsRead, stats.RowsWritten, stats.RowsSkippedOlder));
        Assert.Equal(D.AddHours(5), stats.NewestEventWritten);
        Assert.DoesNotContain(summary.Views, v => v.View == "driver_stats_offline");
    }

    [Fact]
    public async Task Window_bounds_are_inclusive_and_rows_outside_are_not_written()
    {
        await using var repo = new TestRepo("sqlite");
        repo.AddFile(
            new HistoryRow(1, D.AddDays(1), D.AddDays(1), 0.1f, 1),
            new HistoryRow(2, D.AddDays(2), D.AddDays(2), 0.2f, 2),
            new HistoryRow(2, D.AddDays(2).AddTicks(1), D.AddDays(2), 0.25f, 25),
            new HistoryRow(3, D.AddDays(1).AddTicks(-1), D.AddDays(1), 0.3f, 3));
        await repo.ApplyAsync();
        var materializer = await repo.MaterializerAsync();

        await materializer.MaterializeAsync(D.AddDays(1), D.AddDays(2), ["driver_stats"]);

        Assert.Equal(
            [$"1 {Iso(D.AddDays(1))} 0.1,1,London", $"2 {Iso(D.AddDays(2))} 0.2,2,London", "3 -"],
            await repo.DumpAsync("driver_stats", 3));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("redis")]
    public async Task An_older_backfill_after_a_newer_one_never_regresses_values(string store)
    {
        await using var repo = new TestRepo(store);
        repo.AddFile(
            new HistoryRow(1, D.AddDays(1), D.AddDays(1), 0.1f, 1),
            new HistoryRow(1, D.AddDays(3), D.AddDays(3), 0.3f, 3));
        await repo.ApplyAsync();
        var materializer = await repo.MaterializerAsync();

        await materializer.MaterializeAsync(D.AddDays(2), D.AddDays(4), ["driver_stats"]);
        var replay = await materializer.MaterializeAsync(D, D.AddDays(2), ["driver_stats"]);

        Assert.Equal([$"1 {Iso(D.AddDays(3))} 0.3,3,London"], await repo.DumpAsync("driver_stats", 1));
        Assert.Equal((0L, 1L), (replay.Views[0].RowsWritten, replay.Views[0].RowsSkippedOlder));
    }

    [Fact]
    public async Task End_in_the_future_is_refused_before_anything_is_written()
    {
        await using var repo = new TestRepo("sqlite");
        repo.AddFile(new HistoryRow(1, D, D, 0.1f, 1));
        await repo.ApplyAsync();
        var materializer = await repo.MaterializerAsync();

        var error = await Assert.ThrowsAsync<MaterializationException>(() => materializer.MaterializeAsync(D, repo.Clock.Now.AddSeconds(1)));
        var incremental = await Assert.ThrowsAsync<MaterializationException>(() => materializer.MaterializeIncrementalAsync(repo.Clock.Now.AddDays(1)));

        Assert.StartsWith("END 2026-01-31T00:00:01Z is in the future (now 2026-01-31T00:00:00Z)", error.Message, StringComparison.Ordinal);
        Assert.Contains("is in the future", incremental.Message, StringComparison.Ordinal);
        Assert.Equal(["1 -"], await repo.DumpAsync("driver_stats", 1));
    }

    [Fact]
    public async Task Unknown_and_offline_views_are_refused_by_name()
    {
        await using var repo = new TestRepo("sqlite");
        repo.AddFile(new HistoryRow(1, D, D, 0.1f, 1));
        await repo.ApplyAsync();
        var materializer = await repo.MaterializerAsync();

        var unknown = await Assert.ThrowsAsync<MaterializationException>(() => materializer.MaterializeAsync(D, D.AddDays(1), ["driver_stat"]));
        var offline = await Assert.ThrowsAsync<MaterializationException>(() => materializer.MaterializeAsync(D, D.AddDays(1), ["driver_stats_offline"]));

        Assert.Equal("unknown feature view 'driver_stat' (online views: driver_stats, driver_stats_by_event)", unknown.Message);
        Assert.Equal("feature view 'driver_stats_offline' has online: false; only online views are materialized", offline.Message);
    }

    internal static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
}
