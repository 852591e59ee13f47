using FeatureStore.Client;
using FeatureStore.Offline;
using FeatureStore.Sdk.Offline;

namespace FeatureStore.Sdk.Tests.Session;

/// <summary>FeatureStoreSession.PushAsync against the embedded online store, the push source's folder and the offline engine.</summary>
public sealed class PushTests
{
    public sealed record Label(long DriverId, DateTimeOffset EventTimestamp);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static readonly DateTimeOffset PushTime = new(DateTimeOffset.UtcNow.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private static Dictionary<string, object?> Row(long driverId, DateTimeOffset eventTime, object? convRate, object? trips) => new()
    {
        ["driver_id"] = driverId,
        ["event_timestamp"] = eventTime,
        ["conv_rate"] = convRate,
        ["trips"] = trips,
        ["city"] = "Lyon",
    };

    private static Task<FeatureStoreSession> OpenAsync(PushRepo repo) =>
        FeatureStoreSession.OpenAsync(new FeatureStoreSettings(repo.Dir) { Clock = new FixedClock(PushTime) });

    [Fact]
    public async Task Pushed_rows_are_served_online_and_appended_with_the_push_time_as_created_timestamp()
    {
        using var repo = await PushRepo.CreateAsync();
        await using var store = await OpenAsync(repo);
        var eventTime = PushTime.AddHours(-2);

        var summary = await store.PushAsync("driver_live", [Row(7, eventTime, 0.5f, 12L), Row(8, eventTime, "0.25", "3")]);

        Assert.Equal(new Push.PushSummary(2, 2, 0, 0, 2), summary);
        var online = await store.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures("driver_live:conv_rate", "driver_live:trips").WithEntities("driver_id", 7L, 8L));
        Assert.Equal((0.5, 12L), (online.GetDouble(0, "conv_rate"), online.GetInt64(0, "trips")));
        Assert.Equal((0.25, 3L), (online.GetDouble(1, "conv_rate"), online.GetInt64(1, "trips")));
        Assert.Equal(eventTime, online.GetEventTimestamp(0, "trips"));
        Assert.Equal([(7L, (long?)12L, eventTime, PushTime), (8L, 3L, eventTime, PushTime)], repo.AppendedRows());
    }

    [Fact]
    public async Task Pushed_rows_reach_training_sets_and_as_known_at_sees_them_only_from_the_push_time()
    {
        using var repo = await PushRepo.CreateAsync();
        await using var store = await OpenAsync(repo);
        var eventTime = PushTime.AddHours(-2);
        await store.PushAsync("driver_live", [Row(7, eventTime, 0.5f, 12L)]);
        var spine = Spine.FromRows([new Label(7, PushTime.AddHours(-1)), new Label(7, PushTime.AddMinutes(1))]);

        var byEventTime = await store.GetHistoricalFeatures(spine, ["driver_live:trips"]).ExecuteAsync();
        var asKnownAt = await store.GetHistoricalFeatures(spine, ["driver_live:trips"], new HistoricalFeatureOptions { AsOfCreated = true }).ExecuteAsync();

        Assert.Equal((12L, 12L), (byEventTime.GetInt64(0, "trips"), byEventTime.GetInt64(1, "trips")));
        Assert.Equal(FeatureStatus.Missing, asKnownAt.GetStatus(0, "trips"));
        Assert.Equal(FeatureStatus.Present, asKnownAt.GetStatus(1, "trips"));
        Assert.Equal(12L, asKnownAt.GetInt64(1, "trips"));
    }

    [Fact]
    public async Task An_older_row_pushed_after_a_newer_one_leaves_the_newer_online()
    {
        using var repo = await PushRepo.CreateAsync();
        await using var store = await OpenAsync(repo);

        await store.PushAsync("driver_live", [Row(7, PushTime.AddMinutes(-5), 0.9f, 20L)]);
        var older = await store.PushAsync("driver_live", [Row(7, PushTime.AddMinutes(-50), 0.1f, 2L)]);

        Assert.Equal((1, 0, 1, 1), (older.Accepted, older.WrittenOnline, older.SkippedOlder, older.Late));
        var online = await store.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures("driver_live:trips").WithEntities("driver_id", 7L));
        Assert.Equal(20L, online.GetInt64(0, "trips"));
        Assert.Equal([2L, 20L], repo.AppendedRows().Select(r => r.Trips!.Value));
    }

    [Fact]
    public async Task A_bad_row_refuses_the_push_listing_each_bad_row_and_nothing_is_written()
    {
        using var repo = await PushRepo.CreateAsync();
        await using var store = await OpenAsync(repo);

        var error = await Assert.ThrowsAsync<FeatureStoreException>(() => store.PushAsync("driver_live",
            [Row(7, PushTime, 0.5f, 1L), Row(8, PushTime, 1.5f, 1L), Row(9, PushTime, 0.5f, "lots")]));

        Assert.Equal(FeatureStoreErrorCode.Ingestion, error.Code);
        Assert.StartsWith("push to feature view 'driver_live' refused, nothing written (2 of the rows are bad): row 1: view driver_live: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("conv_rate", error.Message, StringComparison.Ordinal);
        Assert.Contains("row 2: view driver_live: field trips: expected int64, got \"lots\"", error.Message, StringComparison.Ordinal);
        Assert.Equal(["row 1", "row 2"], error.Problems.Select(p => p.Location));
        var online = await store.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures("driver_live:trips").WithEntities("driver_id", 7L));
        Assert.Equal(FeatureStatus.Missing, online.GetStatus(0, "trips"));
        Assert.Empty(repo.FilesUnderPushFolder());
    }

    [Fact]
    public async Task Unknown_views_and_views_of_batch_sources_are_refused()
    {
        using var repo = await PushRepo.CreateAsync();
        await using var store = await OpenAsync(repo);

        var unknown = await Assert.ThrowsAsync<FeatureStoreException>(() => store.PushAsync("driver_gone", [Row(7, PushTime, 0.5f, 1L)]));
        var batch = await Assert.ThrowsAsync<FeatureStoreException>(() => store.PushAsync("driver_stats", [Row(7, PushTime, 0.5f, 1L)]));

        Assert.Equal((FeatureStoreErrorCode.NotFound, "feature view 'driver_gone' is not registered in project 'rides'"), (unknown.Code, unknown.Message));
        Assert.Equal(FeatureStoreErrorCode.Ingestion, batch.Code);
        Assert.Equal(
            "feature view 'driver_stats' reads data source 'driver_stats_source', which is a batch source; only sources with 'stream: {kind: push}' take pushes",
            batch.Message);
    }

    [Fact]
    public async Task Nothing_applied_is_refused_with_the_apply_hint()
    {
        var dir = Directory.CreateTempSubdirectory("fs-sdk-push-empty-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "featurestore.yaml"), "project: rides\n");
            await using var store = await FeatureStoreSession.OpenAsync(dir);

            var error = await Assert.ThrowsAsync<FeatureStoreException>(() => store.PushAsync("driver_live", [Row(7, PushTime, 0.5f, 1L)]));

            Assert.Equal(FeatureStoreErrorCode.Ingestion, error.Code);
            Assert.Equal("project 'rides' has nothing registered; apply definitions first with FeatureStoreSession.ApplyAsync", error.Message);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }
}
