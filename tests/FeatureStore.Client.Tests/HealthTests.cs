using FeatureStore.Serving.Tests;
using Grpc.Core;
using static Grpc.Health.V1.HealthCheckResponse.Types;

namespace FeatureStore.Client.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task Check_is_serving_for_the_server_and_its_service_and_not_found_for_others()
    {
        await using var env = await ServingEnvironment.StartAsync();

        Assert.Equal(ServingStatus.Serving, await env.Client.CheckHealthAsync());
        Assert.Equal(ServingStatus.Serving, await env.Client.CheckHealthAsync("featurestore.serving.v1.FeatureServing"));
        var error = await Assert.ThrowsAsync<FeatureServingException>(() => env.Client.CheckHealthAsync("no.such.Service"));
        Assert.Equal(StatusCode.NotFound, error.Status);
    }

    [Fact]
    public async Task Watch_yields_the_current_status_and_ends_quietly_when_cancelled()
    {
        await using var env = await ServingEnvironment.StartAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var seen = new List<ServingStatus>();

        await foreach (var status in env.Client.WatchHealthAsync(cancellationToken: stop.Token))
        {
            seen.Add(status);
            await stop.CancelAsync();
        }

        Assert.Equal([ServingStatus.Serving], seen);
    }
}
