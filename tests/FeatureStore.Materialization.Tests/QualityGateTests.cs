using FeatureStore.Parquet;
using FeatureStore.Registry.Storage;
using static FeatureStore.Materialization.Tests.LatestPerEntityTests;

namespace FeatureStore.Materialization.Tests;

/// <summary>The data-quality gate: fail stops the view before the failing chunk, quarantine diverts bad rows to Parquet, warn writes and counts.</summary>
public sealed class QualityGateTests
{
    private static readonly DateTimeOffset D = TestRepo.Day0;

    private static string Quality(string policy, string extra = "") => $"""
            quality:
              policy: {policy}
        {extra}      rules:
                - {"{"}feature: conv_rate, not_null: true, min: 0, max: 1{"}"}
                - {"{"}feature: city, allowed: [London, Paris]{"}"}
        """.Replace("\n", "\n", StringComparison.Ordinal);

    private static HistoryRow[] Rows() =>
    [
        new(1, D.AddHours(1), D.AddHours(1), 0.1f, 1),
        new(2, D.AddHours(2), D.AddHours(2), 0.2f, 2),
        new(1, D.AddDays(1).AddHours(1), D.AddDays(1).AddHours(1), 0.3f, 3),
        new(2, D.AddDays(1).AddHours(2), D.AddDays(1).AddHours(2), 1.7f, 4),
        new(3, D.AddDays(1).AddHours(3), D.AddDays(1).AddHours(3), 0.5f, 5, "Berlin"),
        new(4, D.AddDays(1).AddHours(4), D.AddDays(1).AddHours(4), null, 6),
    ];

    [Theory]
    [InlineData("sqlite")]
    [InlineData("redis")]
    public async Task Fail_policy_stops_the_view_before_the_failing_chunk_and_keeps_the_watermark_before_it(string store)
    {
        await using var repo = new TestRepo(store);
        repo.AddFile(Rows());
        await repo.ApplyAsync(Quality("fail"));
        var materializer = await repo.MaterializerAsync();

        var summary = await materializer.MaterializeAsync(D, D.AddDays(3), ["driver_stats"]);

        var result = Assert.Single(summary.Views);
        Assert.False(summary.Succeeded);
        Assert.Equal(
            "view 'driver_stats': quality rule failed at data/stats/part-000.parquet row 3 (conv_rate = 1.7 is above max 1); " +
            "policy fail: nothing from chunk 2026-01-02T00:00:00Z on was written (3 bad row(s) in that chunk)",
            result.Error);
        // Day 1 was written; nothing of day 2 (not even its good row for driver 1).
        Assert.Equal([$"1 {Iso(D.AddHours(1))} 0.1,1,London", $"2 {Iso(D.AddHours(2))} 0.2,2,London", "3 -", "4 -"], await repo.DumpAsync("driver_stats", 4));
        await using var registry = await repo.OpenRegistryAsync();
        Assert.Equal(D.AddDays(1).AddTicks(-1), Assert.Single(await registry.GetWatermarksAsync(repo.Project)).EventWatermark);
        var run = Assert.Single(await registry.GetRunsAsync(repo.Project));
        Assert.Equal((MaterializationRunStatus.Failed, 2L), (run.Status, run.RowsWritten));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("redis")]
    public async Task Quarantine_policy_writes_bad_rows_with_reasons_to_parquet_and_never_online(string store)
    {
        await using var repo = new TestRepo(store);
        repo.AddFile(Rows());
        await repo.ApplyAsync(Quality("quarantine"));
        var materializer = await repo.MaterializerAsync();

        var summary = await materializer.MaterializeAsync(D, D.AddDays(3), ["driver_stats"]);

        var result = Assert.Single(summary.Views);
        Assert.True(summary.Succeeded);
        // One row per entity with a good row (drivers 1 and 2); 3 and 4 have only bad rows.
        Assert.Equal((6L, 2L, 3L), (result.RowsRead, result.RowsWritten, result.RowsQuarantined));
        // Driver 2's bad day-2 row is quarantined, so its good day-1 row stays the latest.
        Assert.Equal(
            [$"1 {Iso(D.AddDays(1).AddHours(1))} 0.3,3,London", $"2 {Iso(D.AddHours(2))} 0.2,2,London", "3 -", "4 -"],
            await repo.DumpAsync("driver_stats", 4));
        var file = Path.Combine(repo.Dir, ".featurestore", "quarantine", "driver_stats", summary.RunId + ".parquet");
        Assert.Equal(Path.GetRelativePath(repo.Dir, file), result.QuarantineFile);
        using var reader = ParquetFileReader.Open(file);
        var batch = reader.ReadAll();
        var reasons = (BinaryColumn)batch["__reason"];
        Assert.Equal(
            ["conv_rate = 1.7 is above max 1", "city = 'Berlin' is not one of the allowed values", "conv_rate is null (rule not_null)"],
            Enumerable.Range(0, batch.RowCount).Select(reasons.GetString));
        Assert.Equal([2L, 3L, 4L], ((Int64Column)batch["driver_id"]).Span.ToArray());
    }

    [Fact]
    public async Task Warn_policy_writes_every_row_and_counts_the_bad_ones()
    {
        await using var repo = new TestRepo("sqlite");
        repo.AddFile(Rows());
        await repo.ApplyAsync(Quality("warn"));
        var materializer = await repo.MaterializerAsync();

        var summary = await materializer.MaterializeAsync(D, D.AddDays(3), ["driver_stats"]);

        var result = Assert.Single(summary.Views);
        // Each of the 4 entities written once, with its latest row, bad or not.
        Assert.Equal((4L, 3L, 0L), (result.RowsWritten, result.RowsWarned, result.RowsQuarantined));
        Assert.Equal($"2 {Iso(D.AddDays(1).AddHours(2))} 1.7,4,London", (await repo.DumpAsync("driver_stats", 2))[1]);
        Assert.False(Directory.Exists(Path.Combine(repo.Dir, ".featurestore", "quarantine")));
    }

    [Fact]
    public async Task Max_null_fraction_over_a_chunk_rejects_the_rows_with_nulls()
    {
        await using var repo = new TestRepo("sqlite");
        repo.AddFile(
            new HistoryRow(1, D.AddHours(1), D.AddHours(1), 0.1f, null),
            new HistoryRow(2, D.AddHours(2), D.AddHours(2), 0.2f, null),
            new HistoryRow(3, D.AddHours(3), D.AddHours(3), 0.3f, 3));
        await repo.ApplyAsync("    quality:\n      policy: quarantine\n      max_null_fraction: 0.5\n");
        var materializer = await repo.MaterializerAsync();

        var summary = await materializer.MaterializeAsync(D, D.AddDays(1), ["driver_stats"]);

        Assert.Equal((1L, 2L), (summary.Views[0].RowsWritten, summary.Views[0].RowsQuarantined));
        Assert.Equal(["1 -", "2 -", $"3 {Iso(D.AddHours(3))} 0.3,3,London"], await repo.DumpAsync("driver_stats", 3));
    }
}
