using System.Text;
using FeatureStore.Online;
using FeatureStore.Registry.Model;
using FeatureStore.Streaming.Push;

namespace FeatureStore.Streaming.Tests;

/// <summary>
/// A/B versions side by side: a record accepted for a source is written to every live version of each view reading it
/// (the newest and those kept by keep_versions), each with its own features, under its own (name, version) online.
/// The retained versions are set as the registry planner carries them forward on a version bump.
/// </summary>
public sealed class LiveVersionTests
{
    private static readonly DateTimeOffset T0 = StreamRepo.T0;

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Redis)]
    public async Task A_consumed_record_lands_in_every_live_version_with_its_own_features(StoreKind kind)
    {
        // driver_stats version 2 drops city, adds surge and narrows conv_rate to float32; version 1 stays live as it was.
        await using var repo = StreamRepo.Create(kind, d => Bump(d, "driver_stats", v => v with
        {
            Features = [new FeatureDefinition("conv_rate", FeatureType.Float32), new FeatureDefinition("trips", FeatureType.Int32), new FeatureDefinition("surge", FeatureType.Float64)],
            Quality = null,
        }));
        var ingestor = repo.Ingestor();

        var result = await ingestor.IngestAsync("trips", [Trip(0, 1, T0, surge: 1.5)]);

        Assert.Empty(result.Rejected);
        Assert.Equal((1, 2, 1), (result.Accepted, result.WrittenOnline, result.AppendedOffline));
        Assert.Equal(
            [FeatureValue.FromFloat64(0.5), FeatureValue.FromInt32(3), FeatureValue.FromString("berlin")],
            await ReadAsync(repo, "driver_stats", 1, ["conv_rate", "trips", "city"], 1));
        Assert.Equal(
            [FeatureValue.FromFloat32(0.5f), FeatureValue.FromInt32(3), FeatureValue.FromFloat64(1.5)],
            await ReadAsync(repo, "driver_stats", 2, ["conv_rate", "trips", "surge"], 1));
        // The appended history holds what both versions read, typed as the newest version declares.
        var offline = Assert.Single(StreamRepo.ReadOffline(repo.TripsDirectory));
        Assert.Equal<(object?, object?, string)>((0.5f, 1.5, "berlin"), (offline["conv"], offline["surge"], Encoding.UTF8.GetString((byte[])offline["city"]!)));

        var pinned = await ingestor.IngestAsync("trips", [Trip(1, 2, T0, surge: 2.0)], ["driver_stats@1"]);

        Assert.Equal(1, pinned.WrittenOnline);
        Assert.True(await FoundAsync(repo, "driver_stats", 1, "trips", 2));
        Assert.False(await FoundAsync(repo, "driver_stats", 2, "trips", 2));
        var unknown = Assert.Throws<StreamIngestionException>(() => ingestor.Validate("trips", [], ["driver_stats@7"]));
        Assert.Equal("feature view 'driver_stats' has no live version 7 (live: driver_stats@2, driver_stats@1)", unknown.Message);
    }

    [Fact]
    public async Task A_record_a_kept_version_refuses_is_rejected_naming_that_version()
    {
        // Version 1 keeps its quality rule on city; version 2 has none. The record is refused whole, as for any view.
        await using var repo = StreamRepo.Create(change: d => Bump(d, "driver_stats", v => v with { Quality = null }));

        var result = await repo.Ingestor().IngestAsync("trips", [StreamRepo.Trip(0, 1, T0, city: "rome")]);

        var rejected = Assert.Single(result.Rejected);
        Assert.Equal(("driver_stats@1", "view driver_stats@1: quality rule city allowed [berlin, paris]: rome"), (rejected.View, rejected.Reason));
        Assert.Equal(0, result.WrittenOnline);
    }

    [Fact]
    public async Task A_pushed_row_lands_in_every_live_version_unless_the_push_names_one()
    {
        // all_types version 2 keeps i32 and name and adds label; version 1 stays live with its ten features.
        await using var repo = StreamRepo.Create(change: d => Bump(d, "all_types", v => v with
        {
            Features = [new FeatureDefinition("i32", FeatureType.Int32), new FeatureDefinition("name", FeatureType.String), new FeatureDefinition("label", FeatureType.String)],
        }));
        var pusher = new FeaturePusher(repo.Definitions, repo.Ingestor());

        var both = await pusher.PushAsync("all_types", [Row(7, 42, "zoë", "gold")]);
        var one = await pusher.PushAsync("all_types@1", [Row(8, 43, "ann", "silver")]);
        var refused = await Assert.ThrowsAsync<PushRefusedException>(() => pusher.PushAsync("all_types@3", [Row(9, 44, "bo", "x")]));

        Assert.Equal((2, 1), (both.WrittenOnline, one.WrittenOnline));
        // Version 1 has no label: it gets i32 and name, its other features are null (missing features are nulls).
        Assert.Equal([FeatureValue.FromInt32(42), FeatureValue.FromString("zoë"), FeatureValue.Null], await ReadAsync(repo, "all_types", 1, ["i32", "name", "i64"], 7));
        Assert.Equal([FeatureValue.FromInt32(42), FeatureValue.FromString("zoë"), FeatureValue.FromString("gold")], await ReadAsync(repo, "all_types", 2, ["i32", "name", "label"], 7));
        Assert.Equal([FeatureValue.FromInt32(43)], await ReadAsync(repo, "all_types", 1, ["i32"], 8));
        Assert.False(await FoundAsync(repo, "all_types", 2, "i32", 8));
        Assert.Equal((PushRefusal.UnknownView, "feature view 'all_types' has no live version 3 (live: 2, 1; keep_versions decides how many stay live after a version bump)"),
            (refused.Refusal, refused.Message));
        Assert.False(await FoundAsync(repo, "all_types", 1, "i32", 9));
        Assert.Equal(2, StreamRepo.ReadOffline(repo.TypedDirectory).Count);
    }

    /// <summary>The definitions after bumping <paramref name="view"/> to version 2 with keep_versions 2, as the planner stores them.</summary>
    private static RegistryDefinitions Bump(RegistryDefinitions definitions, string view, Func<FeatureViewDefinition, FeatureViewDefinition> change) =>
        definitions with
        {
            FeatureViews = [.. definitions.FeatureViews.Select(v => v.Name != view ? v : change(v) with { Version = 2, KeepVersions = 2, RetainedVersions = [v] })],
        };

    private static DecodedRecord Trip(long offset, long driver, DateTimeOffset eventTime, double surge)
    {
        var record = StreamRepo.Trip(offset, driver, eventTime);
        return record with { Columns = new Dictionary<string, object?>(record.Columns, StringComparer.Ordinal) { ["surge"] = surge } };
    }

    private static Dictionary<string, object?> Row(long driver, int i32, string name, string label) => new(StringComparer.Ordinal)
    {
        ["driver_id"] = driver,
        ["event_timestamp"] = T0,
        ["i32"] = i32,
        ["name"] = name,
        ["label"] = label,
    };

    /// <summary>One version's values for a driver, which must have a row.</summary>
    private static async Task<FeatureValue[]> ReadAsync(StreamRepo repo, string view, int version, string[] features, long driver)
    {
        var row = await RowAsync(repo, view, version, features, driver);
        Assert.True(row.Found, $"{view} version {version} has no row for driver {driver}");
        return [.. row.Values.Select(v => v ?? FeatureValue.Null)];
    }

    private static async Task<bool> FoundAsync(StreamRepo repo, string view, int version, string feature, long driver) =>
        (await RowAsync(repo, view, version, [feature], driver)).Found;

    private static async Task<OnlineEntityRow> RowAsync(StreamRepo repo, string view, int version, string[] features, long driver)
    {
        var request = new OnlineReadRequest(new OnlineViewRef(repo.Definitions.Project, view, version), features, [EntityKey.Of(FeatureValue.FromInt64(driver))]);
        return (await repo.Store.ReadAsync([request])).Requests[0].Rows[0];
    }
}
