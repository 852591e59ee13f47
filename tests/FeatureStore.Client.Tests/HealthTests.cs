using FeatureStore.Serving.Tests;
using static Grpc.Health.V1.HealthCheckResponse.Types;

namespace FeatureStore.Client.Tests;

/// <summary>The client's health watch. Its Check (SERVING, NOT_FOUND for other services) is covered by Serving.Tests' HealthAndRegistryTests.</summary>
public sealed class HealthTests
{
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
