namespace FeatureStore.Online.Tests;

public sealed class RedisOnlineStoreTests : OnlineStoreContractTests
{
    private readonly int deadPort = TestServers.DeadPort();

    protected override IOnlineStore CreateStore() =>
        OnlineStoreFactory.Open(new OnlineStoreSettings(OnlineStoreKind.Redis, ConnectionString: TestServers.Redis), ".");

    protected override IOnlineStore CreateUnreachableStore() =>
        OnlineStoreFactory.Open(new OnlineStoreSettings(OnlineStoreKind.Redis, ConnectionString: $"127.0.0.1:{deadPort}"), ".");

    protected override string UnreachableName => $"127.0.0.1:{deadPort}";

    [Fact]
    public async Task AFailedReplyForAnEarlyEntityFailsTheReadEvenWhenTheLastReplySucceeds()
    {
        // The read waits on the last reply only when all the others are done and fine; an error on the first is still raised.
        using var raw = StackExchange.Redis.ConnectionMultiplexer.Connect(TestServers.Redis);
        var db = raw.GetDatabase();
        await Store.WriteAsync(Stats, ["trips"], [.. Enumerable.Range(1, 3).Select(id => Samples.Row(Samples.Driver(id), Samples.T0, FeatureValue.FromInt64(id)))]);
        await db.StringSetAsync(Redis.RedisLayout.EntityHash(Project, Samples.Driver(0)), "not a hash");

        var read = () => Store.ReadAsync([new OnlineReadRequest(Stats, ["trips"], [.. Enumerable.Range(0, 4).Select(id => Samples.Driver(id))])]);

        var error = await Assert.ThrowsAsync<StackExchange.Redis.RedisServerException>(read);
        Assert.Contains("WRONGTYPE", error.Message, StringComparison.Ordinal);
        await db.KeyDeleteAsync(Redis.RedisLayout.EntityHash(Project, Samples.Driver(0)));
        var rows = (await read()).Requests[0].Rows;
        Assert.Equal([false, true, true, true], rows.Select(r => r.Found));
        Assert.Equal(3L, rows[3].Values[0]!.Value.AsInt64());
    }

    [Fact]
    public async Task AStoreThatDidNotWriteTheRowsLoadsTheirFeatureListsOnceAndFailsClearlyWhenOneIsGone()
    {
        // Schemas are cached per store instance: a fresh instance (another server process) must fetch them first.
        var other = new OnlineViewRef(Project, "other_stats", 1);
        await Store.WriteAsync(Stats, ["trips", "rating"], [Samples.Row(Samples.Driver(1), Samples.T0, FeatureValue.FromInt64(7), FeatureValue.FromFloat64(4.5))]);
        await Store.WriteAsync(other, ["v"], [Samples.Row(Samples.Driver(2), Samples.T0, FeatureValue.FromInt32(3))]);
        OnlineReadRequest[] requests =
        [
            new(Stats, ["rating", "trips"], [Samples.Driver(1), Samples.Driver(2)]),
            new(other, ["v"], [Samples.Driver(1), Samples.Driver(2)]),
        ];

        await using (var fresh = CreateStore())
        {
            var result = await fresh.ReadAsync(requests);
            var stats = result.Requests[0].Rows;
            Assert.Equal([true, false], stats.Select(r => r.Found));
            Assert.Equal(4.5, stats[0].Values[0]!.Value.AsFloat64());
            Assert.Equal(7L, stats[0].Values[1]!.Value.AsInt64());
            Assert.Equal([false, true], result.Requests[1].Rows.Select(r => r.Found));
            Assert.Equal(3, result.Requests[1].Rows[1].Values[0]!.Value.AsInt32());
        }

        using var raw = StackExchange.Redis.ConnectionMultiplexer.Connect(TestServers.Redis);
        var schemas = Redis.RedisLayout.SchemasHash(Project);
        var saved = await raw.GetDatabase().HashGetAllAsync(schemas);
        await raw.GetDatabase().KeyDeleteAsync(schemas);
        try
        {
            await using var fresh = CreateStore();
            var error = await Assert.ThrowsAsync<OnlineStoreException>(() => fresh.ReadAsync(requests));
            Assert.Contains($"fs:{Project}:schemas", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await raw.GetDatabase().HashSetAsync(schemas, saved);
        }
    }

    [Fact]
    public async Task EntityHashExpiresWithItsLatestExpiringRowAndPersistsWithARowWithoutExpiry()
    {
        using var raw = StackExchange.Redis.ConnectionMultiplexer.Connect(TestServers.Redis);
        var db = raw.GetDatabase();
        var key = Redis.RedisLayout.EntityHash(Project, Samples.Driver(1));
        var shortView = new OnlineViewRef(Project, "short", 1);
        var longView = new OnlineViewRef(Project, "long", 1);

        await Store.WriteAsync(shortView, ["v"], [Samples.Row(Samples.Driver(1), Samples.T0, FeatureValue.Null)], new OnlineWriteOptions(TimeSpan.FromMinutes(1)));
        var afterShort = await db.KeyTimeToLiveAsync(key);
        await Store.WriteAsync(longView, ["v"], [Samples.Row(Samples.Driver(1), Samples.T0, FeatureValue.Null)], new OnlineWriteOptions(TimeSpan.FromMinutes(10)));
        var afterLong = await db.KeyTimeToLiveAsync(key);
        await Store.WriteAsync(shortView, ["v"], [Samples.Row(Samples.Driver(1), Samples.T0, FeatureValue.Null)], new OnlineWriteOptions(TimeSpan.FromMinutes(1)));
        var afterShortAgain = await db.KeyTimeToLiveAsync(key);
        await Store.WriteAsync(Stats, ["v"], [Samples.Row(Samples.Driver(1), Samples.T0, FeatureValue.Null)]);
        var afterForever = await db.KeyTimeToLiveAsync(key);

        Assert.InRange(afterShort!.Value, TimeSpan.FromSeconds(50), TimeSpan.FromMinutes(1));
        Assert.InRange(afterLong!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
        Assert.InRange(afterShortAgain!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
        Assert.Null(afterForever);
    }
}
