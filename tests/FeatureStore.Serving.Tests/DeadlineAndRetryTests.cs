using System.Diagnostics;
using Grpc.Core;
using FeatureStore.Client;

namespace FeatureStore.Serving.Tests;

public sealed class DeadlineAndRetryTests
{
    [Fact]
    public async Task SlowStoreEndsInDeadlineExceededAtTheClientDeadline()
    {
        var store = Stores.Stub();
        await using var env = await ServingEnvironment.StartAsync(store);
        store.ReadDelay = TimeSpan.FromSeconds(10);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<FeatureServingException>(() =>
            env.Client.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures("driver_stats:trips").WithEntities("driver_id", 1001L), TimeSpan.FromMilliseconds(300)));

        Assert.Equal(StatusCode.DeadlineExceeded, error.Status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task ServerAnswersDeadlineExceededItselfEvenWhenTheStoreIgnoresCancellation()
    {
        var store = Stores.Stub();
        await using var env = await ServingEnvironment.StartAsync(store);
        store.ReadDelay = TimeSpan.FromSeconds(5);
        store.IgnoreCancellation = true;
        var clock = Stopwatch.StartNew();

        // A raw call has no client-side timer: the status must come from the server's grpc-timeout handling.
        var reply = await RawGrpc.CallAsync(env.Server.Address, RawGrpc.GetOnlineFeatures, WireProtocolTests.ValidRequest(), timeout: "200m");

        Assert.Equal("4", reply.Status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        store.ReadDelay = TimeSpan.Zero;
        var after = await RawGrpc.CallAsync(env.Server.Address, RawGrpc.GetOnlineFeatures, WireProtocolTests.ValidRequest(), timeout: "5S");
        Assert.Equal("0", after.Status);
    }

    [Fact]
    public async Task UnavailableStoreIsUnavailableFastAndTheClientRetriesItAway()
    {
        var store = Stores.Stub();
        await using var env = await ServingEnvironment.StartAsync(store);
        store.FailNextReads = 2;

        var result = await env.Client.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures("driver_stats:trips").WithEntities("driver_id", 1001L));

        Assert.Equal(12L, result[0, "trips"].Value);
        Assert.Equal(3, store.Reads);
    }

    [Fact]
    public async Task WithoutRetriesUnavailableReachesTheCallerWithTheStoreMessage()
    {
        var store = Stores.Stub();
        await using var env = await ServingEnvironment.StartAsync(store, new FeatureServingClientOptions { Address = new Uri("http://unused"), MaxRetries = 0 });
        store.Down = true;
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<FeatureServingException>(() =>
            env.Client.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures("driver_stats:trips").WithEntities("driver_id", 1001L)));

        Assert.Equal(StatusCode.Unavailable, error.Status);
        Assert.Contains("stub store at 127.0.0.1:1 is down", error.Detail, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task UnreachableServerIsUnavailableAfterRetriesWithinTheDeadline()
    {
        using var client = new FeatureServingClient(new FeatureServingClientOptions { Address = new Uri("http://127.0.0.1:1"), MaxRetries = 2 });
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<FeatureServingException>(() =>
            client.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures("v:f").WithEntities("k", 1L), TimeSpan.FromSeconds(2)));

        Assert.Equal(StatusCode.Unavailable, error.Status);
        Assert.Contains("127.0.0.1:1", error.Detail, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task ConcurrentCallsShareTheClientAndAllSucceed()
    {
        await using var env = await ServingEnvironment.StartAsync();
        var calls = Enumerable.Range(0, 200).Select(i =>
            env.Client.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures("driver_stats:trips").WithEntities("driver_id", i % 2 == 0 ? 1001L : 1003L)));

        var results = await Task.WhenAll(calls);

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(i % 2 == 0 ? 12L : 3L, results[i][0, "trips"].Value);
        }
    }
}
