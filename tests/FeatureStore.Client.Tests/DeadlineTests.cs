using System.Diagnostics;
using FeatureStore.Serving.Tests;
using Grpc.Core;

namespace FeatureStore.Client.Tests;

public sealed class DeadlineTests
{
    private static readonly OnlineFeatureQuery Trips = OnlineFeatureQuery.ForFeatures("driver_stats:trips").WithEntities("driver_id", 1001L);

    [Fact]
    public async Task A_slow_server_ends_in_deadline_exceeded_close_to_the_deadline()
    {
        var store = Stores.Stub();
        await using var env = await ServingEnvironment.StartAsync(store);
        store.ReadDelay = TimeSpan.FromSeconds(10);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<FeatureServingException>(() => env.Client.GetOnlineFeaturesAsync(Trips, TimeSpan.FromMilliseconds(300)));

        Assert.Equal(StatusCode.DeadlineExceeded, error.Status);
        Assert.StartsWith("DEADLINE_EXCEEDED: ", error.Message, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1.5));
    }

    [Fact]
    public async Task The_default_timeout_applies_when_the_call_gives_none()
    {
        var store = Stores.Stub();
        await using var env = await ServingEnvironment.StartAsync(store, new FeatureServingClientOptions { Address = new Uri("http://unused"), DefaultTimeout = TimeSpan.FromMilliseconds(400) });
        store.ReadDelay = TimeSpan.FromSeconds(10);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<FeatureServingException>(() => env.Client.GetOnlineFeaturesAsync(Trips));

        Assert.Equal(StatusCode.DeadlineExceeded, error.Status);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(350), TimeSpan.FromSeconds(1.5));
        store.ReadDelay = TimeSpan.Zero;
        Assert.Equal(12L, (await env.Client.GetOnlineFeaturesAsync(Trips))[0, "trips"].Value);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_an_operation_canceled_exception_not_a_status()
    {
        var store = Stores.Stub();
        await using var env = await ServingEnvironment.StartAsync(store);
        store.ReadDelay = TimeSpan.FromSeconds(10);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => env.Client.GetOnlineFeaturesAsync(Trips, TimeSpan.FromSeconds(5), cancel.Token));
    }
}
