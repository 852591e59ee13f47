using FeatureStore.Client;
using FeatureStore.Online;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Planning;
using FeatureStore.Registry.Storage;
using FeatureStore.Serving.Hosting;

namespace FeatureStore.Serving.Tests;

/// <summary>
/// A real feature server in-process on a free 127.0.0.1 port (Kestrel, HTTP/2), over a SQLite registry and an online
/// store (embedded SQLite unless one is given), with test data written and a client connected.
/// </summary>
internal sealed class ServingEnvironment : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private ServingEnvironment(string directory, IRegistryStore registry, IOnlineStore online, FeatureServer server, FeatureServingClient client)
    {
        Directory = directory;
        Registry = registry;
        Online = online;
        Server = server;
        Client = client;
    }

    public string Directory { get; }

    public IRegistryStore Registry { get; }

    public IOnlineStore Online { get; }

    public FeatureServer Server { get; }

    public FeatureServingClient Client { get; }

    public static async Task<ServingEnvironment> StartAsync(
        IOnlineStore? online = null,
        FeatureServingClientOptions? clientOptions = null,
        Func<FeatureServerOptions, FeatureServerOptions>? configure = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "fs-serving-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var registry = RegistryStoreFactory.Open(new RegistryStoreSettings(RegistryStoreKind.Sqlite, "registry.db"), directory);
        await registry.InitializeAsync();
        await ApplyAsync(registry, TestDefinitions.Definitions());
        online ??= OnlineStoreFactory.Open(new OnlineStoreSettings(OnlineStoreKind.Sqlite, "online.db"), directory);
        await WriteTestDataAsync(online);
        var options = new FeatureServerOptions
        {
            Project = TestDefinitions.Project,
            Port = 0,
            MetricsPort = 0,
            RegistryPollInterval = TimeSpan.FromMilliseconds(200),
            FreshnessInterval = TimeSpan.FromMilliseconds(200),
        };
        var server = await FeatureServer.StartAsync(configure?.Invoke(options) ?? options, registry, online);
        var client = new FeatureServingClient((clientOptions ?? new FeatureServingClientOptions { Address = server.Address }) with { Address = server.Address });
        return new ServingEnvironment(directory, registry, online, server, client);
    }

    public static Task ApplyAsync(IRegistryStore registry, RegistryDefinitions definitions) =>
        RegistryApplier.ApplyAsync(registry, definitions, new PlanOptions(AllowBreaking: true, DeleteMissing: true), "tests", CancellationToken.None);

    public static OnlineViewRef DriverView => new(TestDefinitions.Project, "driver_stats", 1);

    public static OnlineViewRef CustomerView => new(TestDefinitions.Project, "customer_profile", 1);

    /// <summary>Driver 1001 fresh, 1002 two hours old (beyond the 1 h TTL), 1003 fresh with a null city; customer "c1" fresh.</summary>
    public static async Task WriteTestDataAsync(IOnlineStore online)
    {
        await online.WriteAsync(DriverView, ["conv_rate", "trips", "city"],
        [
            new OnlineRow(Key(1001), [FeatureValue.FromFloat32(0.5f), FeatureValue.FromInt64(12), FeatureValue.FromString("Lyon")], Now.AddMinutes(-5)),
            new OnlineRow(Key(1002), [FeatureValue.FromFloat32(0.9f), FeatureValue.FromInt64(40), FeatureValue.FromString("Nice")], Now.AddHours(-2)),
            new OnlineRow(Key(1003), [FeatureValue.FromFloat32(0.1f), FeatureValue.FromInt64(3), FeatureValue.Null], Now.AddMinutes(-1)),
        ]);
        await online.WriteAsync(CustomerView, ["age", "embedding", "trips"],
        [
            new OnlineRow(EntityKey.Of(FeatureValue.FromString("c1")), [FeatureValue.FromInt32(34), FeatureValue.FromFloat64List(new double[] { 0.25, -1.5 }), FeatureValue.FromInt64(7)], Now.AddDays(-30)),
        ]);
    }

    public static EntityKey Key(long driverId) => EntityKey.Of(FeatureValue.FromInt64(driverId));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        await Online.DisposeAsync();
        await Registry.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pool is left in the temp folder; it does not affect other tests.
        }
    }
}
