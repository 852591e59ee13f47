using System.Diagnostics;
using static FeatureStore.Online.Tests.Samples;

namespace FeatureStore.Online.Tests;

/// <summary>What callers see when the Redis server dies or freezes under them (each test runs its own server).</summary>
public sealed class RedisFailureTests
{
    private static readonly OnlineViewRef View = new("failures", "v", 1);

    [Fact]
    public async Task ServerDyingBetweenCallsGivesUnavailableNamingIt()
    {
        await using var server = await TestRedis.StartAsync();
        await using var store = OnlineStoreFactory.Open(new OnlineStoreSettings(OnlineStoreKind.Redis, ConnectionString: server.Address), ".");
        await store.WriteAsync(View, ["x"], [Row(Driver(1), T0, FeatureValue.FromInt32(1))]);

        server.Kill();
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<OnlineStoreUnavailableException>(async () =>
        {
            // The first call after the kill may still be in flight when the socket closes; either way it must fail.
            while (true)
                await store.ReadAsync([new OnlineReadRequest(View, ["x"], [Driver(1)])]);
        });

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"failing took {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Contains(server.Address, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FrozenServerGivesUnavailableAfterTheOperationTimeout()
    {
        await using var server = await TestRedis.StartAsync();
        var settings = new OnlineStoreSettings(OnlineStoreKind.Redis, ConnectionString: server.Address, OperationTimeout: TimeSpan.FromMilliseconds(500));
        await using var store = OnlineStoreFactory.Open(settings, ".");
        await store.WriteAsync(View, ["x"], [Row(Driver(1), T0, FeatureValue.FromInt32(1))]);

        server.Freeze(true);
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<OnlineStoreUnavailableException>(() => store.ReadAsync([new OnlineReadRequest(View, ["x"], [Driver(1)])]));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(3));
        Assert.Equal($"Redis {server.Address} did not answer within 0.5 s", error.Message);
        server.Freeze(false);
    }

    [Fact]
    public async Task WritesKeepWorkingAfterTheServerForgetsItsScripts()
    {
        await using var server = await TestRedis.StartAsync();
        await using var store = OnlineStoreFactory.Open(new OnlineStoreSettings(OnlineStoreKind.Redis, ConnectionString: server.Address), ".");
        await store.WriteAsync(View, ["x"], [Row(Driver(1), T0, FeatureValue.FromInt32(1))]);

        using (var admin = StackExchange.Redis.ConnectionMultiplexer.Connect(server.Address + ",allowAdmin=true"))
            admin.GetServer(server.Address).ScriptFlush();
        var result = await store.WriteAsync(View, ["x"], [Row(Driver(1), T0.AddTicks(-1), FeatureValue.FromInt32(2)), Row(Driver(2), T0, FeatureValue.FromInt32(3))]);

        Assert.Equal(new OnlineWriteResult(1, 1), result);
    }
}
