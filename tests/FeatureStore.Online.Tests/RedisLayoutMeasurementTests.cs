using System.Diagnostics;
using FeatureStore.Online.Encoding;
using FeatureStore.Online.Redis;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace FeatureStore.Online.Tests;

/// <summary>
/// The measurement behind the Redis layout (README "Redis layout"): memory per entity of the sample repo's views in
/// the chosen layout (one hash per entity, 4-byte view fields) against two alternatives written with the same row
/// bytes: readable field names, and one string key per entity per view. Timings are printed, not asserted.
/// </summary>
public sealed class RedisLayoutMeasurementTests(ITestOutputHelper output)
{
    private const int Entities = 2000;
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task OneHashPerEntityWithViewIdFieldsTakesLessMemoryThanAKeyPerView()
    {
        var project = "m" + Guid.NewGuid().ToString("N")[..8];
        var driverStats = new OnlineViewRef(project, "driver_hourly_stats", 1);
        var driverEmbedding = new OnlineViewRef(project, "driver_embedding", 1);
        var customerProfile = new OnlineViewRef(project, "customer_profile", 1);
        await using var store = RedisOnlineStore.Connect(TestServers.Redis, new OnlineStoreSettings(OnlineStoreKind.Redis));
        using var raw = ConnectionMultiplexer.Connect(TestServers.Redis);
        var db = raw.GetDatabase();

        var drivers = Enumerable.Range(0, Entities).Select(i => EntityKey.Of(FeatureValue.FromInt64(1_000_000 + i))).ToArray();
        var customers = Enumerable.Range(0, Entities).Select(i => EntityKey.Of(FeatureValue.FromInt64(5_000_000 + i))).ToArray();
        string[] statsNames = ["conv_rate", "acc_rate", "avg_daily_trips", "last_trip_at"];
        string[] embeddingNames = ["embedding"];
        string[] profileNames = ["current_balance", "avg_passenger_count", "lifetime_trip_count", "segment"];
        var statsRows = drivers.Select((k, i) => new OnlineRow(k,
            [FeatureValue.FromFloat32(0.1f * (i % 10)), FeatureValue.FromFloat32(0.9f), FeatureValue.FromInt64(i % 500), FeatureValue.FromTimestamp(At.AddMinutes(-i))], At)).ToArray();
        var embeddingRows = drivers.Select((k, i) => new OnlineRow(k,
            [FeatureValue.FromFloat32List(Enumerable.Range(0, 8).Select(j => (float)Math.Sin(i + j)).ToArray())], At)).ToArray();
        var profileRows = customers.Select((k, i) => new OnlineRow(k,
            [FeatureValue.FromFloat32(12.5f), FeatureValue.FromFloat32(1.7f), FeatureValue.FromInt64(i), FeatureValue.FromString(i % 2 == 0 ? "gold" : "basic")], At)).ToArray();

        var clock = Stopwatch.StartNew();
        await store.WriteAsync(driverStats, statsNames, statsRows);
        await store.WriteAsync(driverEmbedding, embeddingNames, embeddingRows);
        await store.WriteAsync(customerProfile, profileNames, profileRows);
        var writeMs = clock.Elapsed.TotalMilliseconds;

        // The same row bytes under the two alternative layouts.
        var readableHash = $"fs:r{project[1..]}:{{";
        var keyPerView = $"fs:s{project[1..]}:{{";
        var writes = new List<Task>();
        foreach (var (view, names, rows) in new[] { (driverStats, statsNames, statsRows), (driverEmbedding, embeddingNames, embeddingRows), (customerProfile, profileNames, profileRows) })
        {
            var prepared = PreparedWrite.Create(view, names, rows, null, At);
            for (var i = 0; i < rows.Length; i++)
            {
                writes.Add(db.HashSetAsync(Key(readableHash, rows[i].Key, "}"), $"{view.View}@1", prepared.EncodedRows[i]));
                writes.Add(db.StringSetAsync(Key(keyPerView, rows[i].Key, "}:" + view.View + "@1"), prepared.EncodedRows[i]));
            }
        }
        await Task.WhenAll(writes);

        var sample = Enumerable.Range(0, 200).Select(i => i * (Entities / 200)).ToArray();
        double chosen = 0, chosenDriver = 0, readable = 0, perView = 0;
        foreach (var i in sample)
        {
            var driverBytes = await MemoryUsage(db, RedisLayout.EntityHash(project, drivers[i]));
            chosenDriver += driverBytes;
            chosen += driverBytes + await MemoryUsage(db, RedisLayout.EntityHash(project, customers[i]));
            readable += await MemoryUsage(db, Key(readableHash, drivers[i], "}")) + await MemoryUsage(db, Key(readableHash, customers[i], "}"));
            perView += await MemoryUsage(db, Key(keyPerView, drivers[i], "}:driver_hourly_stats@1")) + await MemoryUsage(db, Key(keyPerView, drivers[i], "}:driver_embedding@1"))
                + await MemoryUsage(db, Key(keyPerView, customers[i], "}:customer_profile@1"));
        }
        chosen /= sample.Length;
        chosenDriver /= sample.Length;
        readable /= sample.Length;
        perView /= sample.Length;

        var reads = drivers.Take(1000).Zip(customers).ToArray();
        OnlineReadRequest[] requests =
        [
            new OnlineReadRequest(driverStats, statsNames, reads.Select(p => p.First).ToArray()),
            new OnlineReadRequest(driverEmbedding, embeddingNames, reads.Select(p => p.First).ToArray()),
            new OnlineReadRequest(customerProfile, profileNames, reads.Select(p => p.Second).ToArray()),
        ];
        var result = await store.ReadAsync(requests);
        var readMs = await MedianMs(() => store.ReadAsync(requests));
        var rewriteMs = await MedianMs(() => store.WriteAsync(driverStats, statsNames, statsRows));
        var singleReadMs = await MedianMs(() => store.ReadAsync(
        [
            new OnlineReadRequest(driverStats, statsNames, [drivers[7]]),
            new OnlineReadRequest(driverEmbedding, embeddingNames, [drivers[7]]),
            new OnlineReadRequest(customerProfile, profileNames, [customers[7]]),
        ]));
        var keyPerViewReadMs = await MedianMs(() => Task.WhenAll(reads.Select(p => (Task)Task.WhenAll(
            db.StringGetAsync([Key(keyPerView, p.First, "}:driver_hourly_stats@1"), Key(keyPerView, p.First, "}:driver_embedding@1")]),
            db.StringGetAsync(Key(keyPerView, p.Second, "}:customer_profile@1")))).ToArray()));
        var hashReadMs = await MedianMs(() => Task.WhenAll(reads.Select(p => (Task)Task.WhenAll(
            db.HashGetAsync(RedisLayout.EntityHash(project, p.First), [RedisLayout.ViewField(driverStats), RedisLayout.ViewField(driverEmbedding)]),
            db.HashGetAsync(RedisLayout.EntityHash(project, p.Second), [RedisLayout.ViewField(customerProfile)]))).ToArray()));

        output.WriteLine($"bytes per driver+customer (3 views, 9 features): chosen {chosen:0} (driver hash {chosenDriver:0}, customer hash {chosen - chosenDriver:0}), readable fields {readable:0}, key per view {perView:0}");
        output.WriteLine($"first write 3 x {Entities} rows: {writeMs:0} ms; warm rewrite of {Entities} rows (median of 5): {rewriteMs:0.0} ms; one driver + one customer, 3 views: {singleReadMs:0.00} ms");
        output.WriteLine($"read 1000 drivers x 2 views + 1000 customers (median of 5): ReadAsync {readMs:0.0} ms, raw HMGET {hashReadMs:0.0} ms, raw MGET/GET per view {keyPerViewReadMs:0.0} ms");
        Assert.True(result.Requests.All(r => r.Rows.All(row => row.Found)));
        Assert.True(chosen < readable && readable < perView, $"chosen {chosen}, readable {readable}, key per view {perView}");
        await Cleanup(raw, project);
    }

    private static RedisKey Key(string prefix, EntityKey entity, string suffix) =>
        System.Text.Encoding.UTF8.GetBytes(prefix).Concat(entity.Encoded.ToArray()).Concat(System.Text.Encoding.UTF8.GetBytes(suffix)).ToArray();

    private static async Task<double> MedianMs(Func<Task> run)
    {
        await run();
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            await run();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[2];
    }

    private static async Task<long> MemoryUsage(IDatabase db, RedisKey key) =>
        (long)await db.ScriptEvaluateAsync("return redis.call('MEMORY', 'USAGE', KEYS[1], 'SAMPLES', 0)", [key]);

    private static async Task Cleanup(ConnectionMultiplexer raw, string project)
    {
        var server = raw.GetServer(raw.GetEndPoints()[0]);
        var db = raw.GetDatabase();
        await Task.WhenAll(new[] { project, "r" + project[1..], "s" + project[1..] }.SelectMany(p => server.Keys(pattern: $"fs:{p}*", pageSize: 1000)).Select(k => db.KeyDeleteAsync(k)).ToArray());
    }
}
