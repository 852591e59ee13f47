using FeatureStore.Protos.Wire;
using FeatureStore.Registry.Model;
using FeatureStore.Sdk.Client;
using Grpc.Health.V1;

namespace FeatureStore.Serving.Tests;

public sealed class HealthAndRegistryTests
{
    [Fact]
    public async Task HealthIsServingForTheServerAndItsServiceAndNotFoundForOthers()
    {
        await using var env = await ServingEnvironment.StartAsync();

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await env.Client.CheckHealthAsync());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await env.Client.CheckHealthAsync("featurestore.serving.v1.FeatureServing"));
        var error = await Assert.ThrowsAsync<FeatureServingException>(() => env.Client.CheckHealthAsync("no.such.Service"));
        Assert.Equal(GrpcStatusCode.NotFound, error.Status);
    }

    [Fact]
    public async Task HealthIsNotServingWhileTheOnlineStoreIsDownAndServingAgainAfter()
    {
        var store = Stores.Stub();
        await using var env = await ServingEnvironment.StartAsync(store);
        store.Down = true;

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, await env.Client.CheckHealthAsync());
        store.Down = false;
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await env.Client.CheckHealthAsync());
    }

    [Fact]
    public async Task RegistryChangesArePickedUpWithoutRestart()
    {
        await using var env = await ServingEnvironment.StartAsync();
        var query = OnlineFeatureQuery.ForFeatureService("city_lookup").WithEntities("driver_id", 1001L);
        var before = await Assert.ThrowsAsync<FeatureServingException>(() => env.Client.GetOnlineFeaturesAsync(query));
        Assert.Equal(GrpcStatusCode.NotFound, before.Status);
        var revisionBefore = env.Server.Snapshots.Current!.Revision;

        await ServingEnvironment.ApplyAsync(env.Registry, TestDefinitions.Definitions(
            new FeatureServiceDefinition("city_lookup", [new FeatureSelection("driver_stats", ["city"])], "ml@example.com")));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        OnlineFeaturesResult? result = null;
        while (result is null && DateTime.UtcNow < deadline)
        {
            try
            {
                result = await env.Client.GetOnlineFeaturesAsync(query);
            }
            catch (FeatureServingException e) when (e.Status == GrpcStatusCode.NotFound)
            {
                await Task.Delay(100);
            }
        }

        Assert.NotNull(result);
        Assert.Equal("Lyon", result[0, "city"].Value);
        Assert.True(env.Server.Snapshots.Current!.Revision > revisionBefore);
    }

    [Fact]
    public async Task ReadPlansAreCompiledPerSnapshotNotPerRequest()
    {
        await using var env = await ServingEnvironment.StartAsync();
        var snapshot = env.Server.Snapshots.Current!;

        Assert.Same(snapshot.ServicePlan("ride_ranking"), snapshot.ServicePlan("ride_ranking"));
        Assert.Same(snapshot.FeaturesPlan(["driver_stats:trips", "customer_profile:age"]), snapshot.FeaturesPlan(["driver_stats:trips", "customer_profile:age"]));
        var plan = snapshot.ServicePlan("ride_ranking");
        Assert.Equal(2, plan.Views.Count);
        Assert.Equal(["driver_id", "customer_id"], plan.Columns.Keys.Order(StringComparer.Ordinal).Reverse());
    }
}
