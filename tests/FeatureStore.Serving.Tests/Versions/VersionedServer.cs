using FeatureStore.Client;
using FeatureStore.Online;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;
using FeatureStore.Serving.Hosting;

namespace FeatureStore.Serving.Tests.Versions;

/// <summary>
/// A real feature server over a SQLite registry where <c>driver_stats</c> was applied at version 1 and then bumped to
/// version 2 with <c>keep_versions: 2</c>, so both are live. Version 1: conv_rate, old_feature, credit_score
/// (sensitive); version 2: conv_rate, trips. Feature service <c>ab_v1</c> pins <c>driver_stats@1</c>, <c>ab_v2</c> the
/// bare view. The SQLite online store holds driver 1001 under each version's own key (view name, version).
/// </summary>
internal sealed class VersionedServer : ServerFixture
{
    public const string Project = "rides";

    public const float V1ConvRate = 0.25f;
    public const float V2ConvRate = 0.75f;

    private VersionedServer(string directory, IRegistryStore registry, IOnlineStore online, FeatureServerOptions options)
        : base(directory, Project, registry, online)
    {
        Options = options;
    }

    public static FeatureViewDefinition V1 { get; } = new(
        "driver_stats",
        ["driver"],
        [
            new FeatureDefinition("conv_rate", FeatureType.Float32),
            new FeatureDefinition("old_feature", FeatureType.Int64),
            new FeatureDefinition("credit_score", FeatureType.Int64, Pii: PiiClass.Sensitive),
        ],
        "driver_source",
        "ml@example.com",
        Ttl: TimeSpan.FromHours(1));

    public static FeatureViewDefinition V2 { get; } = V1 with
    {
        Features = [new FeatureDefinition("conv_rate", FeatureType.Float32), new FeatureDefinition("trips", FeatureType.Int64)],
        Version = 2,
        KeepVersions = 2,
    };

    public FeatureServerOptions Options { get; }

    public static RegistryDefinitions Definitions(FeatureViewDefinition view, params FeatureServiceDefinition[] services) => new(
        Project,
        [new EntityDefinition("driver", [new JoinKey("driver_id", FeatureType.Int64)])],
        [new DataSourceDefinition("driver_source", "data/drivers.parquet", "event_timestamp")],
        [view],
        services);

    /// <summary>Applies version 1, then version 2 with the feature services, writes both versions' rows and starts the server.</summary>
    public static async Task<VersionedServer> StartAsync(bool authRequired = false)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("fs-versions-").FullName;
        var registry = RegistryStoreFactory.Open(new RegistryStoreSettings(RegistryStoreKind.Sqlite, "registry.db"), directory);
        await registry.InitializeAsync();
        await ServingEnvironment.ApplyAsync(registry, Definitions(V1));
        await ServingEnvironment.ApplyAsync(registry, Definitions(
            V2,
            new FeatureServiceDefinition("ab_v1", [new FeatureSelection("driver_stats@1", ["conv_rate", "old_feature"])], "ml@example.com"),
            new FeatureServiceDefinition("ab_v2", [new FeatureSelection("driver_stats", ["conv_rate", "trips"])], "ml@example.com")));

        var online = OnlineStoreFactory.Open(new OnlineStoreSettings(OnlineStoreKind.Sqlite, "online.db"), directory);
        var now = DateTimeOffset.UtcNow;
        await online.WriteAsync(new OnlineViewRef(Project, "driver_stats", 1), ["conv_rate", "old_feature", "credit_score"],
            [new OnlineRow(ServingEnvironment.Key(1001), [FeatureValue.FromFloat32(V1ConvRate), FeatureValue.FromInt64(7), FeatureValue.FromInt64(712)], now.AddMinutes(-5))]);
        await online.WriteAsync(new OnlineViewRef(Project, "driver_stats", 2), ["conv_rate", "trips"],
            [new OnlineRow(ServingEnvironment.Key(1001), [FeatureValue.FromFloat32(V2ConvRate), FeatureValue.FromInt64(12)], now.AddMinutes(-1))]);

        var options = new FeatureServerOptions
        {
            Project = Project,
            Port = 0,
            MetricsPort = 0,
            AuthRequired = authRequired,
            RegistryPollInterval = TimeSpan.FromMilliseconds(100),
            FreshnessInterval = TimeSpan.FromMilliseconds(200),
        };
        var server = new VersionedServer(directory, registry, online, options);
        server.Server = await FeatureServer.StartAsync(options, registry, online);
        return server;
    }
}
