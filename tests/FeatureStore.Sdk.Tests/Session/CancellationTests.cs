using FeatureStore.Registry.Storage;
using FeatureStore.Sdk.Offline;
using FeatureStore.Sdk.Online;

namespace FeatureStore.Sdk.Tests.Session;

/// <summary>A cancelled token stops work with <see cref="OperationCanceledException"/> (not a FeatureStoreException) and leaves nothing half done.</summary>
public sealed class CancellationTests
{
    [Fact]
    public async Task Cancelling_a_materialization_while_it_runs_stops_it_and_records_the_run_as_failed()
    {
        using var repo = await SampleRepo.CreateAsync();
        await using var store = await FeatureStoreSession.OpenAsync(repo.Dir);
        await store.ApplyAsync(RidesDefinitions.Build());
        using var cancel = new CancellationTokenSource();
        var cancelOnWrite = new CancelOnFirstReport(cancel, MaterializationStage.RowsWritten);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            store.MaterializeAsync(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow, new MaterializeOptions { Views = ["driver_hourly_stats"] }, cancelOnWrite, cancel.Token));

        var history = await store.GetMaterializationRunsAsync("driver_hourly_stats");
        Assert.Equal(MaterializationRunStatus.Failed, Assert.Single(history.Runs).Status);
        Assert.Empty(history.Watermarks);
    }

    [Fact]
    public async Task A_cancelled_token_stops_a_training_set_and_writes_no_file()
    {
        using var repo = await SampleRepo.CreateAsync();
        await using var store = await FeatureStoreSession.OpenAsync(repo.Dir);
        await store.ApplyAsync(RidesDefinitions.Build());
        var job = store.GetHistoricalFeaturesForService(
            Spine.FromRows([new QuickstartFlowTests.Label(1001, DateTimeOffset.UtcNow.AddDays(-1), 1)]), "driver_ranking");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job.ExecuteAsync(cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => job.WriteAsync(repo.PathOf("out/train.parquet"), cancelled.Token));

        Assert.False(Directory.Exists(repo.PathOf("out")) && Directory.EnumerateFileSystemEntries(repo.PathOf("out")).Any());
        Assert.Equal(1, (await job.ExecuteAsync()).RowCount);
    }

    private sealed class CancelOnFirstReport(CancellationTokenSource cancel, MaterializationStage stage) : IProgress<MaterializationProgress>
    {
        public void Report(MaterializationProgress value)
        {
            if (value.Stage == stage)
            {
                cancel.Cancel();
            }
        }
    }
}
