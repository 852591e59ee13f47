using System.Collections.Concurrent;
using System.Diagnostics;
using FeatureStore.Online;
using Grpc.Core;
using FeatureStore.Client;
using FeatureStore.Serving.V1;

namespace FeatureStore.Serving.Tests;

/// <summary>Redis stopped under load: UNAVAILABLE within the deadline, no wrong value ever, recovery within seconds of Redis returning.</summary>
public sealed class RedisOutageTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(1);

    private sealed record Outcome(TimeSpan At, TimeSpan Took, StatusCode Code, long? Trips, FieldStatus? Status);

    [Fact]
    public async Task RedisStoppedUnderLoadIsUnavailableWithinTheDeadlineWithNoWrongValuesAndRecovers()
    {
        await using var redis = await TestRedis.StartAsync();
        // The first connect to a just-started redis-server can take longer than a few hundred ms on a loaded machine; the
        // outage itself is judged by the operation timeout and the call deadline, not by the connect timeout.
        var settings = new OnlineStoreSettings(OnlineStoreKind.Redis, ConnectionString: redis.Address, ConnectTimeout: TimeSpan.FromSeconds(2), OperationTimeout: TimeSpan.FromMilliseconds(500));
        // Seed once through a patient store first: cold-start JIT of the write path can exceed the 0.5 s operation timeout.
        await using (var seed = OnlineStoreFactory.Open(settings with { ConnectTimeout = TimeSpan.FromSeconds(10), OperationTimeout = TimeSpan.FromSeconds(10) }, Path.GetTempPath()))
            await ServingEnvironment.WriteTestDataAsync(seed);
        var store = OnlineStoreFactory.Open(settings, Path.GetTempPath());
        await using var env = await ServingEnvironment.StartAsync(store, new FeatureServingClientOptions { Address = new Uri("http://unused"), MaxRetries = 0 });
        // Warm up (JIT, HTTP/2 connection, Redis connection) so cold-start time is not mistaken for the outage.
        await env.Client.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures("driver_stats:trips").WithEntities("driver_id", 1001L), TimeSpan.FromSeconds(10));
        var outcomes = new ConcurrentQueue<Outcome>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(() => LoadAsync(env.Client, clock, outcomes, stop.Token))).ToArray();

        await Task.Delay(800);
        var stoppedAt = clock.Elapsed;
        await redis.StopAsync();
        await Task.Delay(2500);
        var restartedAt = clock.Elapsed;
        await redis.RestartAsync();
        // A Redis without persistence comes back empty: re-materialize, as an operator would.
        await WriteWithRetryAsync(env.Online);
        await WaitForAsync(() => outcomes.Any(o => o.At > restartedAt && o.Code == StatusCode.OK && o.Trips == 12), TimeSpan.FromSeconds(10));
        await Task.Delay(300);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        var all = outcomes.ToArray();
        Assert.Contains(all, o => o.At < stoppedAt && o.Code == StatusCode.OK);
        var duringOutage = all.Where(o => o.At > stoppedAt + TimeSpan.FromMilliseconds(700) && o.At + o.Took < restartedAt).ToArray();
        Assert.NotEmpty(duringOutage);
        Assert.All(duringOutage, o => Assert.Equal(StatusCode.Unavailable, o.Code));
        Assert.All(all.Where(o => o.Code != StatusCode.OK), o => Assert.True(o.Took < Deadline + TimeSpan.FromMilliseconds(500), $"a failed call took {o.Took}"));
        Assert.All(all, o => Assert.Contains(o.Code, new[] { StatusCode.OK, StatusCode.Unavailable, StatusCode.DeadlineExceeded }));
        // No wrong values: every answer is either the true value or an honest MISSING (Redis came back empty).
        Assert.All(all.Where(o => o.Code == StatusCode.OK), o => Assert.True(o.Trips == 12 || o.Status == FieldStatus.Missing, $"wrong value {o.Trips} ({o.Status})"));
        var recovered = all.Where(o => o.At > restartedAt && o.Code == StatusCode.OK && o.Trips == 12).Min(o => o.At);
        Assert.True(recovered - restartedAt < TimeSpan.FromSeconds(5), $"recovered {recovered - restartedAt} after Redis returned");
    }

    private static async Task LoadAsync(FeatureServingClient client, Stopwatch clock, ConcurrentQueue<Outcome> outcomes, CancellationToken stop)
    {
        var query = OnlineFeatureQuery.ForFeatures("driver_stats:trips").WithEntities("driver_id", 1001L);
        while (!stop.IsCancellationRequested)
        {
            var at = clock.Elapsed;
            try
            {
                var result = await client.GetOnlineFeaturesAsync(query, Deadline);
                var value = result[0, "trips"];
                outcomes.Enqueue(new Outcome(at, clock.Elapsed - at, StatusCode.OK, (long?)value.Value, value.Status));
            }
            catch (FeatureServingException e)
            {
                outcomes.Enqueue(new Outcome(at, clock.Elapsed - at, e.Status, null, null));
                await Task.Delay(10, CancellationToken.None);
            }
        }
    }

    private static async Task WriteWithRetryAsync(IOnlineStore store)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await ServingEnvironment.WriteTestDataAsync(store);
                return;
            }
            catch (OnlineStoreUnavailableException) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < timeout)
        {
            await Task.Delay(50);
        }
    }
}
