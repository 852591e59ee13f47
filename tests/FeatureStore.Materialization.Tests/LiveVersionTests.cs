using FeatureStore.Online;
using FeatureStore.Registry.Storage;
using static FeatureStore.Materialization.Tests.LatestPerEntityTests;

namespace FeatureStore.Materialization.Tests;

/// <summary>
/// A/B versions side by side: after a version bump with keep_versions, every live version is materialized with its own
/// features into its own online data, with watermarks and run records per version ("name" for 1, "name@N" otherwise).
/// </summary>
public sealed class LiveVersionTests
{
    private static readonly DateTimeOffset D = TestRepo.Day0;

    [Fact]
    public async Task A_bumped_version_starts_from_the_whole_history_while_the_kept_one_continues_from_its_watermark()
    {
        await using var repo = new TestRepo("sqlite");
        repo.AddFile(
            new HistoryRow(1, D.AddDays(1), D.AddDays(1), 0.1f, 1, "Paris"),
            new HistoryRow(2, D.AddDays(2), D.AddDays(2), 0.2f, 2, "Rome"));
        await repo.ApplyYamlAsync(Definitions(version: 1));
        var materializer = await repo.MaterializerAsync();
        repo.Clock.Now = D.AddDays(3);
        var first = await materializer.MaterializeIncrementalAsync();

        repo.AddFile(new HistoryRow(1, D.AddDays(4), D.AddDays(4), 0.4f, 4, "Oslo"));
        await repo.ApplyYamlAsync(Definitions(version: 2));
        repo.Clock.Now = D.AddDays(5);
        var second = await materializer.MaterializeIncrementalAsync();

        Assert.Equal(["driver_stats"], first.Views.Select(v => v.View));
        // Version 1 reads only the row after its watermark; version 2 never ran, so it reads the whole history.
        Assert.Equal(
            [("driver_stats@2", 3L, 2L), ("driver_stats", 1L, 1L)],
            second.Views.Select(v => (v.View, v.RowsRead, v.RowsWritten)));
        Assert.Equal(
            [$"1 {Iso(D.AddDays(4))} 0.4,4,Oslo", $"2 {Iso(D.AddDays(2))} 0.2,2,Rome", "3 -"],
            await ReadAsync(repo, 1, ["conv_rate", "trips", "city"], 3));
        Assert.Equal(
            [$"1 {Iso(D.AddDays(4))} 0.4,Oslo", $"2 {Iso(D.AddDays(2))} 0.2,Rome", "3 -"],
            await ReadAsync(repo, 2, ["conv_rate", "city"], 3));

        await using var registry = await repo.OpenRegistryAsync();
        var marks = (await registry.GetWatermarksAsync(repo.Project)).OrderBy(m => m.View, StringComparer.Ordinal).ToList();
        Assert.Equal(
            [("driver_stats", D.AddDays(5)), ("driver_stats@2", D.AddDays(5))],
            marks.Select(m => (m.View, m.EventWatermark)));
        Assert.Equal(2, (await registry.GetRunsAsync(repo.Project, "driver_stats")).Count(r => r.Status == MaterializationRunStatus.Succeeded));
        var v2Run = Assert.Single(await registry.GetRunsAsync(repo.Project, "driver_stats@2"));
        Assert.Equal((MaterializationRunStatus.Succeeded, 3L, 2L), (v2Run.Status, v2Run.RowsRead, v2Run.RowsWritten));
    }

    [Fact]
    public async Task A_pinned_selection_materializes_one_version_and_a_bare_name_every_live_one()
    {
        await using var repo = new TestRepo("sqlite");
        repo.AddFile(new HistoryRow(1, D.AddDays(1), D.AddDays(1), 0.1f, 1, "Paris"));
        await repo.ApplyYamlAsync(Definitions(version: 1));
        await repo.ApplyYamlAsync(Definitions(version: 2));
        var materializer = await repo.MaterializerAsync();
        repo.Clock.Now = D.AddDays(2);

        var pinned = await materializer.MaterializeIncrementalAsync(views: ["driver_stats@1"]);

        Assert.Equal(["driver_stats"], pinned.Views.Select(v => v.View));
        Assert.Equal([$"1 {Iso(D.AddDays(1))} 0.1,1,Paris"], await ReadAsync(repo, 1, ["conv_rate", "trips", "city"], 1));
        Assert.Equal(["1 -"], await ReadAsync(repo, 2, ["conv_rate", "city"], 1));
        await using (var registry = await repo.OpenRegistryAsync())
        {
            Assert.Equal(["driver_stats"], (await registry.GetWatermarksAsync(repo.Project)).Select(m => m.View));
            Assert.Empty(await registry.GetRunsAsync(repo.Project, "driver_stats@2"));
        }

        var bare = await materializer.MaterializeAsync(D, D.AddDays(2), ["driver_stats"]);

        Assert.Equal(["driver_stats@2", "driver_stats"], bare.Views.Select(v => v.View));
        Assert.Equal([$"1 {Iso(D.AddDays(1))} 0.1,Paris"], await ReadAsync(repo, 2, ["conv_rate", "city"], 1));
    }

    [Fact]
    public async Task A_version_that_is_not_live_is_refused_naming_the_live_ones()
    {
        await using var repo = new TestRepo("sqlite");
        repo.AddFile(new HistoryRow(1, D.AddDays(1), D.AddDays(1), 0.1f, 1));
        await repo.ApplyYamlAsync(Definitions(version: 1));
        await repo.ApplyYamlAsync(Definitions(version: 2));
        var materializer = await repo.MaterializerAsync();

        var unknown = await Assert.ThrowsAsync<MaterializationException>(() => materializer.MaterializeIncrementalAsync(views: ["driver_stats@7"]));
        var malformed = await Assert.ThrowsAsync<MaterializationException>(() => materializer.MaterializeIncrementalAsync(views: ["driver_stats@x"]));

        Assert.Equal(
            "feature view 'driver_stats' has no live version 7 (live: driver_stats@2, driver_stats@1; keep_versions decides how many stay live after a version bump)",
            unknown.Message);
        Assert.Contains("invalid feature view 'driver_stats@x'", malformed.Message, StringComparison.Ordinal);
        await using var registry = await repo.OpenRegistryAsync();
        Assert.Empty(await registry.GetRunsAsync(repo.Project));
    }

    /// <summary>driver_stats at <paramref name="version"/>: 1 has conv_rate, trips, city; 2 drops trips and keeps version 1 live.</summary>
    private static string Definitions(int version) => $$"""
        entities:
          - name: driver
            join_keys: [{name: driver_id, type: int64}]
        data_sources:
          - name: stats_source
            path: data/stats/
            timestamp_field: event_ts
            created_timestamp_field: created_ts
        feature_views:
          - name: driver_stats
            entities: [driver]
            source: stats_source
            owner: test@example.com
            version: {{version}}
        {{(version == 1 ? "" : "    keep_versions: 2\n")}}    features:
              - {name: conv_rate, type: float32}
        {{(version == 1 ? "      - {name: trips, type: int64}\n" : "")}}      - {name: city, type: string}

        """;

    /// <summary>One version's stored rows for drivers 1..<paramref name="maxDriver"/>: "id event values", or "id -" when absent.</summary>
    private static async Task<IReadOnlyList<string>> ReadAsync(TestRepo repo, int version, string[] features, int maxDriver)
    {
        await using var store = repo.OpenOnline();
        var keys = Enumerable.Range(1, maxDriver).Select(i => EntityKey.Of(FeatureValue.FromInt64(i))).ToList();
        var result = await store.ReadAsync([new OnlineReadRequest(new OnlineViewRef(repo.Project, "driver_stats", version), features, keys)]);
        return [.. result.Requests[0].Rows.Select((row, i) => row.Found
            ? $"{i + 1} {Iso(row.EventTimestamp)} {string.Join(",", row.Values.Select(v => v?.ToString() ?? "?"))}"
            : $"{i + 1} -")];
    }
}
