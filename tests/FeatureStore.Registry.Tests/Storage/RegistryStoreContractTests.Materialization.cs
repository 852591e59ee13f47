using FeatureStore.Registry.Storage;

namespace FeatureStore.Registry.Tests.Storage;

// Materialization watermarks and run records: part of the same contract, run against every store.
public abstract partial class RegistryStoreContractTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 10, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Watermarks_round_trip_per_project_and_view()
    {
        var store = await OpenAsync();

        await store.AdvanceWatermarkAsync(Project, new MaterializationWatermark("driver_stats", T0, T0.AddHours(1), T0.AddHours(2)));
        await store.AdvanceWatermarkAsync(Project, new MaterializationWatermark("embedding", T0.AddDays(1), null, T0.AddHours(2)));
        await store.AdvanceWatermarkAsync("other", new MaterializationWatermark("driver_stats", T0.AddDays(9), null, T0));

        var marks = await store.GetWatermarksAsync(Project);

        Assert.Equal(
            [new MaterializationWatermark("driver_stats", T0, T0.AddHours(1), T0.AddHours(2)), new MaterializationWatermark("embedding", T0.AddDays(1), null, T0.AddHours(2))],
            marks);
        Assert.Empty(await CreateStore().GetWatermarksAsync("never_materialized"));
    }

    [Fact]
    public async Task Watermarks_never_move_back()
    {
        var store = await OpenAsync();

        await store.AdvanceWatermarkAsync(Project, new MaterializationWatermark("v", T0.AddDays(5), T0.AddDays(6), T0));
        await store.AdvanceWatermarkAsync(Project, new MaterializationWatermark("v", T0.AddDays(1), T0.AddDays(7), T0.AddHours(1)));
        await store.AdvanceWatermarkAsync(Project, new MaterializationWatermark("v", T0.AddDays(2), null, T0.AddHours(2)));

        var mark = Assert.Single(await store.GetWatermarksAsync(Project));

        Assert.Equal((T0.AddDays(5), T0.AddDays(7)), (mark.EventWatermark, mark.CreatedWatermark));
    }

    [Fact]
    public async Task Run_records_are_replaced_per_run_and_view_and_listed_newest_first()
    {
        var store = await OpenAsync();
        var running = Run("run-1", "driver_stats", T0, MaterializationRunStatus.Running, rowsRead: 10);
        var finished = running with { Status = MaterializationRunStatus.Succeeded, RowsRead = 100, RowsWritten = 90, Duration = TimeSpan.FromSeconds(3) };
        var failed = Run("run-2", "driver_stats", T0.AddHours(1), MaterializationRunStatus.Failed, rowsRead: 5) with { Error = "redis down" };
        var other = Run("run-2", "embedding", T0.AddHours(1), MaterializationRunStatus.Succeeded, rowsRead: 7);

        await store.RecordRunAsync(Project, running);
        await store.RecordRunAsync(Project, finished);
        await store.RecordRunAsync(Project, failed);
        await store.RecordRunAsync(Project, other);

        Assert.Equal([failed, other, finished], await store.GetRunsAsync(Project));
        Assert.Equal([failed, finished], await store.GetRunsAsync(Project, "driver_stats"));
        Assert.Equal([failed], await store.GetRunsAsync(Project, "driver_stats", limit: 1));
        Assert.Empty(await store.GetRunsAsync("other"));
    }

    private static MaterializationRunRecord Run(string id, string view, DateTimeOffset started, MaterializationRunStatus status, long rowsRead) =>
        new(id, view, status, started, TimeSpan.FromMilliseconds(250), T0.AddDays(-1), T0, rowsRead, 4, 3, 2, 1, T0.AddMinutes(-5));
}
