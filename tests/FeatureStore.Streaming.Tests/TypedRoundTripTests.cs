using System.Text;
using FeatureStore.Online;

namespace FeatureStore.Streaming.Tests;

public sealed class TypedRoundTripTests
{
    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Redis)]
    public async Task Every_feature_type_reaches_the_online_store_and_the_offline_append_typed(StoreKind kind)
    {
        await using var repo = StreamRepo.Create(kind);
        var ingestor = repo.Ingestor();
        var eventTime = StreamRepo.T0;
        var record = new DecodedRecord(new RecordPosition("push:typed", 0, 1), new Dictionary<string, object?>
        {
            ["driver_id"] = "7",
            ["event_timestamp"] = eventTime.ToUnixTimeMilliseconds(),
            ["i32"] = "42",
            ["i64"] = 9_000_000_000L,
            ["f32"] = 1.5,
            ["f64"] = "2.25",
            ["flag"] = "true",
            ["name"] = "zoë",
            ["blob"] = new byte[] { 1, 2, 3 },
            ["seen"] = "2026-03-01T10:00:00.1234567+01:00",
            ["emb32"] = new[] { 0.5, 1.5 },
            ["emb64"] = new[] { 0.25f },
        });

        var result = await ingestor.IngestAsync("typed", [record]);

        Assert.Empty(result.Rejected);
        Assert.Equal((1, 1, 0, 1), (result.Accepted, result.WrittenOnline, result.SkippedOlder, result.AppendedOffline));
        var seen = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero).AddTicks(1_234_560);
        string[] names = ["i32", "i64", "f32", "f64", "flag", "name", "blob", "seen", "emb32", "emb64"];
        var read = await repo.Store.ReadAsync([new OnlineReadRequest(new OnlineViewRef(repo.Definitions.Project, "all_types", 1), names, [EntityKey.Of(FeatureValue.FromInt64(7))])]);
        var row = read.Requests[0].Rows[0];
        Assert.True(row.Found);
        Assert.Equal(eventTime, row.EventTimestamp);
        FeatureValue[] expected =
        [
            FeatureValue.FromInt32(42), FeatureValue.FromInt64(9_000_000_000L), FeatureValue.FromFloat32(1.5f), FeatureValue.FromFloat64(2.25),
            FeatureValue.FromBool(true), FeatureValue.FromString("zoë"), FeatureValue.FromBytes(new byte[] { 1, 2, 3 }), FeatureValue.FromTimestamp(seen),
            FeatureValue.FromFloat32List(new[] { 0.5f, 1.5f }), FeatureValue.FromFloat64List(new[] { 0.25 }),
        ];
        Assert.Equal(expected, row.Values.Select(v => v!.Value).ToArray());

        var offline = Assert.Single(StreamRepo.ReadOffline(repo.TypedDirectory));
        Assert.Equal(7L, offline["driver_id"]);
        Assert.Equal(42, offline["i32"]);
        Assert.Equal(9_000_000_000L, offline["i64"]);
        Assert.Equal(1.5f, offline["f32"]);
        Assert.Equal(2.25, offline["f64"]);
        Assert.Equal(true, offline["flag"]);
        Assert.Equal("zoë", Encoding.UTF8.GetString((byte[])offline["name"]!));
        Assert.Equal(new byte[] { 1, 2, 3 }, offline["blob"]);
        Assert.Equal(Micros(seen), offline["seen"]);
        Assert.Equal(new object?[] { 0.5f, 1.5f }, offline["emb32"]);
        Assert.Equal(new object?[] { 0.25 }, offline["emb64"]);
        Assert.Equal(Micros(eventTime), offline["event_timestamp"]);
        Assert.Equal(Micros(repo.Clock.Now), offline["ingested_at"]);
        Assert.Equal("2026-03-01", Encoding.UTF8.GetString((byte[])offline["event_date"]!));
    }

    [Fact]
    public async Task Missing_features_are_stored_as_nulls_online_and_offline()
    {
        await using var repo = StreamRepo.Create();
        var record = new DecodedRecord(new RecordPosition("push:typed", 0, 1), new Dictionary<string, object?>
        {
            ["driver_id"] = 7L,
            ["event_timestamp"] = StreamRepo.T0,
            ["i32"] = 5,
        });

        var result = await repo.Ingestor().IngestAsync("typed", [record]);

        Assert.Equal(1, result.WrittenOnline);
        var read = await repo.Store.ReadAsync([new OnlineReadRequest(new OnlineViewRef(repo.Definitions.Project, "all_types", 1), ["i32", "name"], [EntityKey.Of(FeatureValue.FromInt64(7))])]);
        Assert.Equal([FeatureValue.FromInt32(5), FeatureValue.Null], read.Requests[0].Rows[0].Values.Select(v => v ?? FeatureValue.Null).ToArray());
        var offline = Assert.Single(StreamRepo.ReadOffline(repo.TypedDirectory));
        Assert.Null(offline["name"]);
        Assert.Null(offline["emb32"]);
    }

    private static long Micros(DateTimeOffset value) => (value - DateTimeOffset.UnixEpoch).Ticks / 10;
}
