using FeatureStore.Materialization.Progress;
using FeatureStore.Materialization.Running;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Materialization.Tests;

/// <summary>Redis unreachable or hanging mid-run: one clear error, the watermark only covers written chunks, a re-run completes the range.</summary>
public sealed class StoreFaultTests
{
    private static readonly DateTimeOffset D = TestRepo.Day0;

    [Fact]
    public async Task Unreachable_redis_is_one_clear_error_and_no_watermark_is_recorded()
    {
        var address = $"127.0.0.1:{TestServers.DeadPort()}";
        await using var repo = new TestRepo("redis", $"online_store: {{type: redis, connection_string: \"{address}\"}}\n");
        repo.AddFile(new HistoryRow(1, D, D, 0.1f, 1));
        await repo.ApplyAsync();
        var materializer = await repo.MaterializerAsync();

        var error = await Assert.ThrowsAsync<MaterializationException>(() => materializer.MaterializeAsync(D, D.AddDays(1)));

        Assert.DoesNotContain('\n', error.Message);
        Assert.StartsWith("view 'driver_stats': online store unavailable, stopped after 0 of 1 rows", error.Message, StringComparison.Ordinal);
        Assert.Contains(address, error.Message, StringComparison.Ordinal);
        await using var registry = await repo.OpenRegistryAsync();
        Assert.Empty(await registry.GetWatermarksAsync(repo.Project));
        Assert.Equal(MaterializationRunStatus.Failed, Assert.Single(await registry.GetRunsAsync(repo.Project)).Status);
    }

    [Fact]
    public async Task Redis_hanging_mid_run_moves_no_watermark_and_a_rerun_resumes_after_the_durable_partitions()
    {
        await using var server = await TestRedis.StartAsync();
        var online = $"online_store: {{type: redis, connection_string: \"{server.Address}\"}}\n";
        await using var repo = new TestRepo("redis", online);
        await using var clean = new TestRepo("sqlite");
        var rows = Enumerable.Range(0, 10 * 50).Select(i => new HistoryRow(1 + (i % 50), D.AddDays(i / 50).AddMinutes(i % 50), D.AddDays(i / 50), i / 1000f, i)).ToArray();
        repo.AddFile(rows);
        clean.AddFile(rows);
        await repo.ApplyAsync();
        await clean.ApplyAsync();
        var freezer = new FreezeAfterChunk(server, chunk: 4);
        var registry = await repo.OpenRegistryAsync();
        await using (registry)
        await using (var store = repo.OpenOnline())
        {
            var materializer = new Materializer(registry, store, repo.Project, repo.Dir,
                new MaterializerOptions { Clock = repo.Clock, Progress = freezer, EntitiesPerPartition = 5 });

            var error = await Assert.ThrowsAsync<MaterializationException>(() => materializer.MaterializeAsync(D, D.AddDays(10), ["driver_stats"]));

            Assert.Contains("online store unavailable", error.Message, StringComparison.Ordinal);
            server.Freeze(false);
            // The watermark moves only when the whole view is done.
            Assert.Empty(await registry.GetWatermarksAsync(repo.Project));
            Assert.Equal(MaterializationRunStatus.Failed, Assert.Single(await registry.GetRunsAsync(repo.Project)).Status);
        }

        // The re-run is a new process in real life: a fresh store connection. The same request resumes after partition 4.
        var resumed = new FreezeAfterChunk(null, chunk: 0);
        var rerun = await repo.MaterializerAsync(entitiesPerPartition: 5, progress: resumed);
        var result = Assert.Single((await rerun.MaterializeAsync(D, D.AddDays(10), ["driver_stats"])).Views);
        Assert.True(resumed.ResumedPartitions >= 4, $"resumed {resumed.ResumedPartitions} partitions");
        Assert.Equal(50 - (resumed.ResumedRows), result.RowsWritten + result.RowsSkippedOlder);
        var cleanMaterializer = await clean.MaterializerAsync();
        await cleanMaterializer.MaterializeAsync(D, D.AddDays(10), ["driver_stats"]);
        Assert.Equal(await clean.DumpAsync("driver_stats", 50), await repo.DumpAsync("driver_stats", 50));
        await using var after = await repo.OpenRegistryAsync();
        Assert.Equal(D.AddDays(10), Assert.Single(await after.GetWatermarksAsync(repo.Project)).EventWatermark);
    }

    /// <summary>Freezes the Redis server once the given partition's writes have returned; counts resumed partitions.</summary>
    private sealed class FreezeAfterChunk(TestRedis? server, int chunk) : IMaterializationProgress
    {
        public int ResumedPartitions { get; private set; }

        public long ResumedRows { get; private set; }

        public void ViewStarted(string view, long rowsRead, long rowsToWrite, int chunks)
        {
        }

        public void PartitionsResumed(string view, int partitions, long rows) => (ResumedPartitions, ResumedRows) = (partitions, rows);

        public void RowsWritten(string view, long writtenSoFar, long rowsToWrite)
        {
        }

        public void ChunkDone(string view, int done, int chunks, DateTimeOffset chunkStart, long rowsWritten, long rowsSkippedOlder, long rowsRejected)
        {
            if (done == chunk)
                server?.Freeze(true);
        }

        public void ViewFinished(ViewMaterializationResult result)
        {
        }
    }
}
