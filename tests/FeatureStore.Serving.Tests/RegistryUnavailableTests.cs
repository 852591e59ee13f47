using Grpc.Core;
using FeatureStore.Registry.Storage;
using FeatureStore.Client;
using FeatureStore.Serving.Hosting;
using Grpc.Health.V1;

namespace FeatureStore.Serving.Tests;

public sealed class RegistryUnavailableTests
{
    [Fact]
    public async Task WithoutALoadableRegistryTheServerStartsNotServingAndAnswersUnavailable()
    {
        var directory = Directory.CreateTempSubdirectory("fs-broken-registry-").FullName;
        Directory.CreateDirectory(Path.Combine(directory, "registry.db")); // a folder where the database file should be
        await using var registry = RegistryStoreFactory.Open(new RegistryStoreSettings(RegistryStoreKind.Sqlite, "registry.db"), directory);
        await using var online = Stores.Sqlite();
        await using var server = await FeatureServer.StartAsync(new FeatureServerOptions { Project = TestDefinitions.Project, Port = 0 }, registry, online);
        using var client = new FeatureServingClient(new FeatureServingClientOptions { Address = server.Address, MaxRetries = 0 });

        Assert.Null(server.Snapshots.Current);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, await client.CheckHealthAsync());
        var error = await Assert.ThrowsAsync<FeatureServingException>(() =>
            client.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures("driver_stats:trips").WithEntities("driver_id", 1001L)));
        Assert.Equal(StatusCode.Unavailable, error.Status);
        Assert.StartsWith("the registry snapshot is not loaded: ", error.Detail, StringComparison.Ordinal);
    }
}
