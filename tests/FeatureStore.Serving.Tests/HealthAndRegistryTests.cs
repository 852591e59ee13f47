using Grpc.Core;
using FeatureStore.Registry.Model;
using FeatureStore.Client;
using FeatureStore.Online;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Reflection.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace FeatureStore.Serving.Tests;

public sealed class HealthAndRegistryTests
{
    [Fact]
    public async Task HealthIsServingForTheServerAndItsServiceAndNotFoundForOthers()
    {
        await using var env = await ServingEnvironment.StartAsync();

        Assert.Equal(ServingStatus.Serving, await env.Client.CheckHealthAsync());
        Assert.Equal(ServingStatus.Serving, await env.Client.CheckHealthAsync("featurestore.serving.v1.FeatureServing"));
        var error = await Assert.ThrowsAsync<FeatureServingException>(() => env.Client.CheckHealthAsync("no.such.Service"));
        Assert.Equal(StatusCode.NotFound, error.Status);
    }

    [Fact]
    public async Task HealthIsNotServingWhileTheOnlineStoreIsDownAndServingAgainAfter()
    {
        var store = Stores.Stub();
        await using var env = await ServingEnvironment.StartAsync(store);
        store.Down = true;

        await WaitForStatusAsync(env.Client, ServingStatus.NotServing);
        store.Down = false;
        await WaitForStatusAsync(env.Client, ServingStatus.Serving);
    }

    [Fact]
    public async Task HealthWatchStreamsNotServingThenServingAcrossARedisOutage()
    {
        await using var redis = await TestRedis.StartAsync();
        var settings = new OnlineStoreSettings(OnlineStoreKind.Redis, ConnectionString: redis.Address, ConnectTimeout: TimeSpan.FromSeconds(2), OperationTimeout: TimeSpan.FromMilliseconds(500));
        await using var env = await ServingEnvironment.StartAsync(OnlineStoreFactory.Open(settings, Path.GetTempPath()));
        using var watching = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new List<ServingStatus>();
        await using var updates = env.Client.WatchHealthAsync(cancellationToken: watching.Token).GetAsyncEnumerator(watching.Token);

        Assert.True(await updates.MoveNextAsync());
        seen.Add(updates.Current);
        await redis.StopAsync();
        while (updates.Current != ServingStatus.NotServing && await updates.MoveNextAsync())
            seen.Add(updates.Current);
        await redis.RestartAsync();
        while (updates.Current != ServingStatus.Serving && await updates.MoveNextAsync())
            seen.Add(updates.Current);
        await watching.CancelAsync();

        Assert.Equal([ServingStatus.Serving, ServingStatus.NotServing, ServingStatus.Serving], seen);
    }

    [Fact]
    public async Task ReflectionListsFeatureServingAndHealthAndDescribesFeatureServing()
    {
        await using var env = await ServingEnvironment.StartAsync();
        using var channel = GrpcChannel.ForAddress(env.Server.Address);
        using var call = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToArray();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { FileContainingSymbol = "featurestore.serving.v1.FeatureServing" });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var files = call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto
            .Select(bytes => Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(bytes)).ToArray();
        await call.RequestStream.CompleteAsync();

        Assert.Contains("featurestore.serving.v1.FeatureServing", services);
        Assert.Contains("grpc.health.v1.Health", services);
        var serving = Assert.Single(files.SelectMany(f => f.Service), s => s.Name == "FeatureServing");
        Assert.Contains(serving.Method, m => m.Name == "GetOnlineFeatures");
    }

    private static async Task WaitForStatusAsync(FeatureServingClient client, ServingStatus expected)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var status = await client.CheckHealthAsync();
        while (status != expected && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(50);
            status = await client.CheckHealthAsync();
        }

        Assert.Equal(expected, status);
    }

    [Fact]
    public async Task RegistryChangesArePickedUpWithoutRestart()
    {
        await using var env = await ServingEnvironment.StartAsync();
        var query = OnlineFeatureQuery.ForFeatureService("city_lookup").WithEntities("driver_id", 1001L);
        var before = await Assert.ThrowsAsync<FeatureServingException>(() => env.Client.GetOnlineFeaturesAsync(query));
        Assert.Equal(StatusCode.NotFound, before.Status);
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
            catch (FeatureServingException e) when (e.Status == StatusCode.NotFound)
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
