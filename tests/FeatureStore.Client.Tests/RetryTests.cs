using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FeatureStore.Serving.Tests;
using Grpc.Core;

namespace FeatureStore.Client.Tests;

/// <summary>UNAVAILABLE is retried by the channel's service-config retry policy: MaxRetries + 1 attempts, within the deadline.</summary>
public sealed class RetryTests
{
    private static readonly OnlineFeatureQuery Trips = OnlineFeatureQuery.ForFeatures("driver_stats:trips").WithEntities("driver_id", 1001L);

    [Fact]
    public async Task Unavailable_from_the_server_is_retried_until_an_attempt_succeeds()
    {
        var store = Stores.Stub();
        await using var env = await ServingEnvironment.StartAsync(store);
        store.FailNextReads = 2;

        var result = await env.Client.GetOnlineFeaturesAsync(Trips);

        Assert.Equal(12L, result[0, "trips"].Value);
        Assert.Equal(3, store.Reads);
    }

    [Fact]
    public async Task Unavailable_reaches_the_caller_after_max_retries_plus_one_attempts_with_the_server_message()
    {
        var store = Stores.Stub();
        await using var env = await ServingEnvironment.StartAsync(store, new FeatureServingClientOptions { Address = new Uri("http://unused"), MaxRetries = 2, InitialBackoff = TimeSpan.FromMilliseconds(10) });
        store.Down = true;

        var error = await Assert.ThrowsAsync<FeatureServingException>(() => env.Client.GetOnlineFeaturesAsync(Trips));

        Assert.Equal(StatusCode.Unavailable, error.Status);
        Assert.Contains("stub store at 127.0.0.1:1 is down", error.Detail, StringComparison.Ordinal);
        Assert.Equal(3, store.Reads);
    }

    [Fact]
    public async Task Other_statuses_are_not_retried()
    {
        var store = Stores.Stub();
        await using var env = await ServingEnvironment.StartAsync(store);

        var error = await Assert.ThrowsAsync<FeatureServingException>(() =>
            env.Client.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures("driver_stats:speed").WithEntities("driver_id", 1001L)));

        Assert.Equal(StatusCode.NotFound, error.Status);
        Assert.Equal(0, store.Reads);
    }

    [Fact]
    public async Task A_closed_port_is_unavailable_after_max_retries_plus_one_attempts_within_the_deadline()
    {
        using var counter = new AttemptCounter();
        using var client = new FeatureServingClient(new FeatureServingClientOptions { Address = new Uri($"http://127.0.0.1:{ClosedPort()}"), MaxRetries = 3, InitialBackoff = TimeSpan.FromMilliseconds(20), Handler = counter });
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<FeatureServingException>(() => client.GetOnlineFeaturesAsync(Trips, TimeSpan.FromSeconds(3)));

        Assert.Equal(StatusCode.Unavailable, error.Status);
        Assert.Equal(4, counter.Attempts);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_closed_port_with_the_default_handler_is_unavailable_within_the_deadline()
    {
        using var client = new FeatureServingClient(new FeatureServingClientOptions { Address = new Uri($"http://127.0.0.1:{ClosedPort()}"), MaxRetries = 3 });
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<FeatureServingException>(() => client.GetOnlineFeaturesAsync(Trips, TimeSpan.FromSeconds(3)));

        Assert.Equal(StatusCode.Unavailable, error.Status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_server_that_starts_after_the_first_attempt_is_reached_by_a_retry()
    {
        var port = ClosedPort();
        using var counter = new AttemptCounter();
        var firstAttemptFailed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        counter.AfterAttempt = _ => firstAttemptFailed.TrySetResult();
        using var client = new FeatureServingClient(new FeatureServingClientOptions
        {
            Address = new Uri($"http://127.0.0.1:{port}"),
            MaxRetries = 8,
            InitialBackoff = TimeSpan.FromMilliseconds(200),
            MaxBackoff = TimeSpan.FromMilliseconds(500),
            Handler = counter,
        });

        var call = client.GetOnlineFeaturesAsync(Trips, TimeSpan.FromSeconds(15));
        await firstAttemptFailed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await using var env = await ServingEnvironment.StartAsync(configure: o => o with { Port = port });
        var result = await call;

        Assert.Equal(12L, result[0, "trips"].Value);
        Assert.True(counter.Attempts >= 2, $"{counter.Attempts} attempts");
    }

    [Fact]
    public async Task Without_retries_one_attempt_is_made()
    {
        using var counter = new AttemptCounter();
        using var client = new FeatureServingClient(new FeatureServingClientOptions { Address = new Uri($"http://127.0.0.1:{ClosedPort()}"), MaxRetries = 0, Handler = counter });

        var error = await Assert.ThrowsAsync<FeatureServingException>(() => client.CheckHealthAsync());

        Assert.Equal(StatusCode.Unavailable, error.Status);
        Assert.Equal(1, counter.Attempts);
    }

    /// <summary>A loopback port nothing listens on (just released by the OS).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
