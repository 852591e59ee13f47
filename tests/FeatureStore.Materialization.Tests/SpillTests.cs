using FeatureStore.Materialization.Progress;
using FeatureStore.Materialization.Running;
using FeatureStore.Parquet;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Materialization.Tests;

/// <summary>
/// Windows above the memory budget are spilled into entity buckets in temp files and planned bucket by bucket: the
/// result is the same as planning in memory, and the temp files are gone when the run ends however it ends.
/// </summary>
public sealed class SpillTests
{
    private static readonly DateTimeOffset D = TestRepo.Day0;

    /// <summary>A budget no window fits, so every run spills.</summary>
    private const long Tiny = 1;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("redis")]
    public async Task A_run_forced_to_spill_writes_the_same_values_as_an_in_memory_run_and_leaves_no_temp_files(string store)
    {
        const int Drivers = 600;
        var history = History(Drivers, rowsPerDriver: 15, seed: 3);
        await using var inMemory = await RepoAsync(store, history);
        await using var spilled = await RepoAsync(store, history);

        var expected = await (await inMemory.MaterializerAsync(entitiesPerPartition: 50)).MaterializeAsync(D, D.AddDays(10));
        var actual = await (await spilled.MaterializerAsync(entitiesPerPartition: 50, memoryBudgetBytes: Tiny)).MaterializeAsync(D, D.AddDays(10));

        Assert.Equal(Counts(expected), Counts(actual));
        Assert.Equal(((long)Drivers * 15, (long)Drivers), (actual.Views[0].RowsRead, actual.Views[0].RowsWritten));
        foreach (var view in new[] { "driver_stats", "driver_stats_by_event" })
        {
            var values = await inMemory.DumpAsync(view, Drivers);
            Assert.DoesNotContain(values, line => line.EndsWith(" -", StringComparison.Ordinal));
            Assert.Equal(values, await spilled.DumpAsync(view, Drivers));
        }

        Assert.False(Directory.Exists(inMemory.SpillRoot));
        Assert.True(Directory.Exists(Path.Combine(spilled.SpillRoot, spilled.Project)), "the run did not spill");
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(spilled.SpillRoot, spilled.Project)));
    }

    [Theory]
    [InlineData(40, 500, false)]
    [InlineData(3_000, 4, true)]
    public async Task A_view_without_quality_rules_spills_only_when_its_entities_outgrow_the_budget(int drivers, int rowsPerDriver, bool spills)
    {
        // 256 KB: far below the decoded rows of either history (20,000 and 12,000 rows), room for about a thousand entities.
        const long Budget = 256 << 10;
        var history = History(drivers, rowsPerDriver, seed: 9);
        await using var reference = await RepoAsync("sqlite", history);
        await using var budgeted = await RepoAsync("sqlite", history);

        var expected = await (await reference.MaterializerAsync()).MaterializeAsync(D, D.AddDays(10));
        var actual = await (await budgeted.MaterializerAsync(memoryBudgetBytes: Budget)).MaterializeAsync(D, D.AddDays(10));

        Assert.Equal(Counts(expected), Counts(actual));
        Assert.Equal(((long)drivers * rowsPerDriver, (long)drivers), (actual.Views[0].RowsRead, actual.Views[0].RowsWritten));
        foreach (var view in new[] { "driver_stats", "driver_stats_by_event" })
            Assert.Equal(await reference.DumpAsync(view, drivers), await budgeted.DumpAsync(view, drivers));
        Assert.Equal(spills, Directory.Exists(Path.Combine(budgeted.SpillRoot, budgeted.Project)));
    }

    [Fact]
    public async Task A_cancelled_spilling_run_leaves_no_temp_files_and_the_same_request_resumes_to_the_full_result()
    {
        const int Drivers = 400;
        var history = History(Drivers, rowsPerDriver: 10, seed: 5);
        await using var repo = await RepoAsync("sqlite", history);
        await using var reference = await RepoAsync("sqlite", history);
        await (await reference.MaterializerAsync()).MaterializeAsync(D, D.AddDays(10), ["driver_stats"]);
        using var cancel = new CancellationTokenSource();
        var progress = new Progress(afterPartition: cancel.Cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await (await repo.MaterializerAsync(entitiesPerPartition: 30, memoryBudgetBytes: Tiny, progress: progress))
                .MaterializeAsync(D, D.AddDays(10), ["driver_stats"], cancel.Token));

        Assert.Empty(Directory.EnumerateFiles(repo.SpillRoot, "*", SearchOption.AllDirectories));
        var rerun = new Progress(afterPartition: null);
        var result = Assert.Single((await (await repo.MaterializerAsync(entitiesPerPartition: 30, memoryBudgetBytes: Tiny, progress: rerun))
            .MaterializeAsync(D, D.AddDays(10), ["driver_stats"])).Views);
        Assert.True(result.Succeeded, result.Error);
        Assert.True(rerun.Resumed >= 1, "the re-run did not resume after the cancelled run's durable partitions");
        Assert.Equal(await reference.DumpAsync("driver_stats", Drivers), await repo.DumpAsync("driver_stats", Drivers));
        Assert.Empty(Directory.EnumerateFiles(repo.SpillRoot, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_spilling_run_that_fails_while_reading_leaves_no_temp_files_and_records_the_failure()
    {
        await using var repo = await RepoAsync("sqlite", History(300, rowsPerDriver: 5, seed: 7));
        // A later file with a null join key: the scan fails after the earlier files' rows were spilled.
        var schema = new ParquetSchema(
            new ParquetField("driver_id", ParquetType.Int64),
            new ParquetField("event_ts", ParquetType.Timestamp(TimeUnit.Micros), Nullable: false),
            new ParquetField("created_ts", ParquetType.Timestamp(TimeUnit.Micros)),
            new ParquetField("conv_rate", ParquetType.Float),
            new ParquetField("trips", ParquetType.Int64),
            new ParquetField("city", ParquetType.String));
        repo.WriteParquet("data/stats/part-zzz.parquet", schema,
        [
            new Int64Column([1, 0], [true, false]),
            new Int64Column([TestRepo.Micros(D.AddHours(1)), TestRepo.Micros(D.AddHours(2))]),
            new Int64Column([TestRepo.Micros(D.AddHours(1)), TestRepo.Micros(D.AddHours(2))]),
            new FloatColumn([0.5f, 0.5f]),
            new Int64Column([1, 2]),
            BinaryColumn.FromStrings(["London", "London"]),
        ], 2);

        var e = await Assert.ThrowsAsync<MaterializationException>(async () =>
            await (await repo.MaterializerAsync(memoryBudgetBytes: Tiny)).MaterializeAsync(D, D.AddDays(10), ["driver_stats"]));

        Assert.Equal("view 'driver_stats': data/stats/part-zzz.parquet row 1, column 'driver_id': the join key is null", e.Message);
        Assert.True(Directory.Exists(Path.Combine(repo.SpillRoot, repo.Project)), "the run did not spill before failing");
        Assert.Empty(Directory.EnumerateFiles(repo.SpillRoot, "*", SearchOption.AllDirectories));
        await using var registry = await repo.OpenRegistryAsync();
        var run = Assert.Single(await registry.GetRunsAsync(repo.Project));
        Assert.Equal((MaterializationRunStatus.Failed, e.Message), (run.Status, run.Error));
    }

    [Theory]
    [InlineData("warn")]
    [InlineData("quarantine")]
    [InlineData("fail")]
    public async Task The_quality_gate_judges_a_spilled_window_as_it_judges_one_in_memory(string policy)
    {
        const int Drivers = 300;
        var quality = $$"""
                quality:
                  policy: {{policy}}
                  max_null_fraction: 0.12
                  rules:
                    - {feature: conv_rate, min: 0, max: 0.95}
                    - {feature: city, allowed: [London, Paris]}
            """;
        var history = History(Drivers, rowsPerDriver: 12, seed: 9);
        await using var inMemory = await RepoAsync("sqlite", history, quality);
        await using var spilled = await RepoAsync("sqlite", history, quality);

        var expected = Assert.Single((await (await inMemory.MaterializerAsync(entitiesPerPartition: 40)).MaterializeAsync(D, D.AddDays(10), ["driver_stats"])).Views);
        var actual = Assert.Single((await (await spilled.MaterializerAsync(entitiesPerPartition: 40, memoryBudgetBytes: Tiny))
            .MaterializeAsync(D, D.AddDays(10), ["driver_stats"])).Views);

        Assert.True(expected.RowsQuarantined + expected.RowsWarned > 0 || expected.Error is not null, "the history breaks no rule");
        Assert.Equal(
            (expected.RowsRead, expected.RowsWritten, expected.RowsQuarantined, expected.RowsWarned, expected.Error),
            (actual.RowsRead, actual.RowsWritten, actual.RowsQuarantined, actual.RowsWarned, actual.Error));
        Assert.Equal(await inMemory.DumpAsync("driver_stats", Drivers), await spilled.DumpAsync("driver_stats", Drivers));
        Assert.Equal(QuarantinedRows(inMemory, expected), QuarantinedRows(spilled, actual));
        Assert.Empty(Directory.EnumerateFiles(spilled.SpillRoot, "*", SearchOption.AllDirectories));
    }

    /// <summary>Drivers with many rows over 10 days in three files; coarse times so event ties happen, some nulls and odd cities.</summary>
    private static HistoryRow[] History(int drivers, int rowsPerDriver, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, drivers * rowsPerDriver).Select(i =>
        {
            var at = D.AddMinutes(random.Next(0, 10 * 24 * 6) * 10);
            float? conv = random.Next(10) == 0 ? null : random.NextSingle();
            var city = random.Next(25) == 0 ? "Berlin" : "London";
            return new HistoryRow(1 + (i % drivers), at, at.AddMinutes(random.Next(0, 2)), conv, i, city);
        })];
    }

    private static async Task<TestRepo> RepoAsync(string store, HistoryRow[] history, string quality = "")
    {
        var repo = new TestRepo(store);
        repo.Clock.Now = D.AddDays(20);
        var third = history.Length / 3;
        repo.AddFile(history[..third]);
        repo.AddFile(history[third..(2 * third)]);
        repo.AddFile(history[(2 * third)..]);
        await repo.ApplyAsync(quality);
        return repo;
    }

    private static List<(string, long, long, long, long, long, string?)> Counts(MaterializationSummary summary) =>
        [.. summary.Views.Select(v => (v.View, v.RowsRead, v.RowsWritten, v.RowsSkippedOlder, v.RowsQuarantined, v.RowsWarned, v.Error))];

    private static List<string> QuarantinedRows(TestRepo repo, ViewMaterializationResult result)
    {
        if (result.QuarantineFile is null)
            return [];
        using var reader = ParquetFileReader.Open(Path.Combine(repo.Dir, result.QuarantineFile));
        var batch = reader.ReadAll(["__source", "__reason"]);
        var sources = (BinaryColumn)batch["__source"];
        var reasons = (BinaryColumn)batch["__reason"];
        return [.. Enumerable.Range(0, batch.RowCount).Select(i => $"{sources.GetString(i)}: {reasons.GetString(i)}")];
    }

    private sealed class Progress(Action? afterPartition) : IMaterializationProgress
    {
        public int Resumed { get; private set; }

        public void ViewStarted(string view, long rowsRead, long rowsToWrite, int chunks)
        {
        }

        public void PartitionsResumed(string view, int partitions, long rows) => Resumed = partitions;

        public void RowsWritten(string view, long writtenSoFar, long rowsToWrite)
        {
        }

        public void ChunkDone(string view, int chunk, int chunks, DateTimeOffset chunkStart, long rowsWritten, long rowsSkippedOlder, long rowsRejected) =>
            afterPartition?.Invoke();

        public void ViewFinished(ViewMaterializationResult result)
        {
        }
    }
}
