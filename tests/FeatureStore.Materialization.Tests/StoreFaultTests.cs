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
    public async Task Redis_hanging_mid_run_leaves_the_watermark_at_written_data_and_a_rerun_completes_the_range()
    {
        using var server = new OwnRedisServer();
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
            var materializer = new Materializer(registry, store, repo.Project, repo.Dir, new MaterializerOptions { Clock = repo.Clock, Progress = freezer });

            var error = await Assert.ThrowsAsync<MaterializationException>(() => materializer.MaterializeAsync(D, D.AddDays(10), ["driver_stats"]));

            Assert.Contains("online store unavailable", error.Message, StringComparison.Ordinal);
            server.Freeze(false);
            var mark = Assert.Single(await registry.GetWatermarksAsync(repo.Project));
            Assert.Equal(D.AddDays(4).AddTicks(-1), mark.EventWatermark);
            // Everything up to the watermark is in the store (commands buffered before the hang may land later: harmless, writes are idempotent).
            var dump = await repo.DumpAsync("driver_stats", 50, store);
            Assert.All(dump, line => Assert.True(string.CompareOrdinal(line.Split(' ')[1], "2026-01-04") > 0, line));

        }

        // The re-run is a new process in real life: a fresh store connection.
        var rerun = await repo.MaterializerAsync();
        await rerun.MaterializeIncrementalAsync(D.AddDays(10), ["driver_stats"]);
        var cleanMaterializer = await clean.MaterializerAsync();
        await cleanMaterializer.MaterializeAsync(D, D.AddDays(10), ["driver_stats"]);
        Assert.Equal(await clean.DumpAsync("driver_stats", 50), await repo.DumpAsync("driver_stats", 50));
    }

    /// <summary>Freezes the Redis server once the given chunk's writes have returned.</summary>
    private sealed class FreezeAfterChunk(OwnRedisServer server, int chunk) : IMaterializationProgress
    {
        public void ViewStarted(string view, long rowsRead, long rowsToWrite, int chunks)
        {
        }

        public void RowsWritten(string view, long writtenSoFar, long rowsToWrite)
        {
        }

        public void ChunkDone(string view, int done, int chunks, DateTimeOffset chunkStart, long rowsWritten, long rowsSkippedOlder, long rowsRejected)
        {
            if (done == chunk)
                server.Freeze(true);
        }

        public void ViewFinished(ViewMaterializationResult result)
        {
        }
    }
}
