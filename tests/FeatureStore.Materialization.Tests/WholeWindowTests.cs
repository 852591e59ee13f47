using System.Globalization;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Materialization.Tests;

/// <summary>
/// The window is planned as a whole: each entity is written once per run whatever its history length, and incremental
/// runs write late corrections exactly where their event time wins.
/// </summary>
public sealed class WholeWindowTests
{
    private static readonly DateTimeOffset D = TestRepo.Day0;

    // 4,000 drivers make 100,000 rows: enough that entities are keyed in shards on threads of their own (one per core).
    [Theory]
    [InlineData("sqlite", 400)]
    [InlineData("redis", 400)]
    [InlineData("redis-cluster", 400)]
    [InlineData("sqlite", 4000)]
    public async Task A_multi_day_backfill_with_many_rows_per_key_writes_each_entity_once_with_its_latest_row(string store, int drivers)
    {
        const int RowsPerDriver = 25;
        await using var repo = new TestRepo(store);
        var random = new Random(7);
        var rows = Enumerable.Range(0, drivers * RowsPerDriver)
            .Select(i => new HistoryRow(1 + (i % drivers), D.AddMinutes(random.Next(0, 20 * 24 * 60)), D.AddDays(21), random.NextSingle(), i))
            .ToArray();
        repo.AddFile(rows[..(rows.Length / 2)]);
        repo.AddFile(rows[(rows.Length / 2)..]);
        await repo.ApplyAsync();
        var materializer = await repo.MaterializerAsync(entitiesPerPartition: 37);

        var result = Assert.Single((await materializer.MaterializeAsync(D, D.AddDays(20), ["driver_stats"])).Views);

        Assert.Equal(((long)drivers * RowsPerDriver, (long)drivers, 0L), (result.RowsRead, result.RowsWritten, result.RowsSkippedOlder));
        var expected = rows.GroupBy(r => r.DriverId).OrderBy(g => g.Key)
            .Select(g => g.OrderByDescending(r => r.Event).ThenBy(r => r.Trips).First())
            .Select(r => $"{r.DriverId} {r.Event.UtcDateTime:O} {r.ConvRate!.Value.ToString("R", CultureInfo.InvariantCulture)},{r.Trips},London");
        Assert.Equal(expected, await repo.DumpAsync("driver_stats", drivers));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("redis")]
    public async Task A_late_correction_between_two_incremental_runs_wins_exactly_where_its_event_time_does(string store)
    {
        await using var repo = new TestRepo(store);
        repo.AddFile(
            new HistoryRow(1, D.AddHours(10), D.AddHours(11), 0.1f, 1),
            new HistoryRow(2, D.AddHours(5), D.AddHours(6), 0.2f, 2),
            new HistoryRow(3, D.AddHours(8), D.AddHours(9), 0.3f, 3),
            new HistoryRow(4, D.AddHours(7), D.AddHours(8), 0.4f, 4));
        await repo.ApplyAsync();
        repo.Clock.Now = D.AddDays(1);
        var first = Assert.Single((await (await repo.MaterializerAsync()).MaterializeIncrementalAsync(views: ["driver_stats"])).Views);
        Assert.Equal((4L, 4L), (first.RowsRead, first.RowsWritten));

        // Late rows, all created after the first run and with event times before its watermark.
        repo.AddFile(
            new HistoryRow(1, D.AddHours(9), D.AddDays(1).AddHours(1), 9.1f, 91),   // older than the stored row: must not win
            new HistoryRow(2, D.AddHours(6), D.AddDays(1).AddHours(1), 9.2f, 92),   // newer event: wins
            new HistoryRow(3, D.AddHours(8), D.AddDays(1).AddHours(1), 9.3f, 93));  // same event, later created: wins
        repo.Clock.Now = D.AddDays(2);
        var second = Assert.Single((await (await repo.MaterializerAsync()).MaterializeIncrementalAsync(views: ["driver_stats"])).Views);

        Assert.Equal((3L, 2L, 1L), (second.RowsRead, second.RowsWritten, second.RowsSkippedOlder));
        Assert.Equal(
        [
            $"1 {D.AddHours(10).UtcDateTime:O} 0.1,1,London",
            $"2 {D.AddHours(6).UtcDateTime:O} 9.2,92,London",
            $"3 {D.AddHours(8).UtcDateTime:O} 9.3,93,London",
            $"4 {D.AddHours(7).UtcDateTime:O} 0.4,4,London",
        ], await repo.DumpAsync("driver_stats", 4));
    }

    [Fact]
    public async Task A_completed_run_forgets_its_partitions_so_the_same_request_runs_in_full_again()
    {
        await using var repo = new TestRepo("sqlite");
        repo.AddMinutelyRows(30);
        await repo.ApplyAsync();

        var first = Assert.Single((await (await repo.MaterializerAsync(entitiesPerPartition: 4)).MaterializeAsync(D, D.AddDays(1))).Views, v => v.View == "driver_stats");
        var again = Assert.Single((await (await repo.MaterializerAsync(entitiesPerPartition: 4)).MaterializeAsync(D, D.AddDays(1))).Views, v => v.View == "driver_stats");

        Assert.Equal((30L, 30L), (first.RowsWritten, again.RowsWritten + again.RowsSkippedOlder));
        await using var registry = await repo.OpenRegistryAsync();
        Assert.All(await registry.GetRunsAsync(repo.Project), r => Assert.Equal(MaterializationRunStatus.Succeeded, r.Status));
    }
}
