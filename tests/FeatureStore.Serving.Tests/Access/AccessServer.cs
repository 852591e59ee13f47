using FeatureStore.Client;
using FeatureStore.Online;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;
using FeatureStore.Serving.Hosting;
using Microsoft.Extensions.Logging;

namespace FeatureStore.Serving.Tests.Access;

/// <summary>
/// A real feature server over a temp repo whose view <c>driver_pii</c> has one feature per PII class (rating: none,
/// home_city: personal, credit_score: sensitive) and takes pushes; <c>driver_stats</c> (trips: none) is a batch view.
/// Feature service <c>ranking</c> selects rating and home_city. SQLite registry and online store; every log line of
/// the server is kept in <see cref="Logs"/>.
/// </summary>
internal sealed class AccessServer : ServerFixture
{
    public const string Project = "rides";
    public const string PushSourceDir = "data/driver_pushes";

    private AccessServer(string repoDir, IRegistryStore registry, IOnlineStore online, LogCollector logs, ILoggerFactory loggers, FeatureServerOptions options)
        : base(repoDir, Project, registry, online)
    {
        Logs = logs;
        Loggers = loggers;
        Options = options;
    }

    public LogCollector Logs { get; }

    public FeatureServerOptions Options { get; }

    private ILoggerFactory Loggers { get; }

    /// <summary>Applies the definitions and writes drivers 1001 and 1002 (driver 1003 has no row); the server is started by <see cref="StartServerAsync"/>.</summary>
    public static async Task<AccessServer> CreateAsync(
        bool authRequired,
        ReplyEncoding encoding = ReplyEncoding.Direct,
        TimeProvider? clock = null,
        IRegistryStore? registry = null,
        Func<IRegistryStore, IRegistryStore>? wrapRegistry = null)
    {
        var repoDir = Directory.CreateTempSubdirectory("fs-access-").FullName;
        var sqlite = registry ?? RegistryStoreFactory.Open(new RegistryStoreSettings(RegistryStoreKind.Sqlite, "registry.db"), repoDir);
        await sqlite.InitializeAsync();
        await ServingEnvironment.ApplyAsync(sqlite, Definitions());
        var online = OnlineStoreFactory.Open(new OnlineStoreSettings(OnlineStoreKind.Sqlite, "online.db"), repoDir);
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        await online.WriteAsync(new OnlineViewRef(Project, "driver_pii", 1), ["rating", "home_city", "credit_score"],
        [
            new OnlineRow(ServingEnvironment.Key(1001), [FeatureValue.FromFloat64(4.5), FeatureValue.FromString("Lyon"), FeatureValue.FromInt64(712)], now.AddMinutes(-5)),
            new OnlineRow(ServingEnvironment.Key(1002), [FeatureValue.FromFloat64(3.9), FeatureValue.FromString("Nice"), FeatureValue.FromInt64(640)], now.AddMinutes(-5)),
        ]);
        await online.WriteAsync(new OnlineViewRef(Project, "driver_stats", 1), ["trips"],
            [new OnlineRow(ServingEnvironment.Key(1001), [FeatureValue.FromInt64(12)], now.AddMinutes(-5))]);
        var logs = new LogCollector();
        var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        var options = new FeatureServerOptions
        {
            Project = Project,
            Port = 0,
            MetricsPort = 0,
            RepoDir = repoDir,
            ReplyEncoding = encoding,
            AuthRequired = authRequired,
            RegistryPollInterval = TimeSpan.FromMilliseconds(100),
            FreshnessInterval = TimeSpan.FromMilliseconds(200),
            AuditFlushInterval = TimeSpan.FromMilliseconds(100),
            Clock = clock ?? TimeProvider.System,
        };
        return new AccessServer(repoDir, wrapRegistry?.Invoke(sqlite) ?? sqlite, online, logs, loggers, options);
    }

    public async Task<AccessServer> StartServerAsync()
    {
        Server = await FeatureServer.StartAsync(Options, Registry, Online, Loggers);
        return this;
    }

    public static async Task<AccessServer> StartAsync(bool authRequired, ReplyEncoding encoding = ReplyEncoding.Direct) =>
        await (await CreateAsync(authRequired, encoding)).StartServerAsync();

    public static RegistryDefinitions Definitions() => new(
        Project,
        [new EntityDefinition("driver", [new JoinKey("driver_id", FeatureType.Int64)])],
        [
            new DataSourceDefinition("driver_pushes", PushSourceDir + "/", "event_timestamp", "ingested_at", Stream: new StreamDefinition(StreamKind.Push)),
            new DataSourceDefinition("driver_source", "data/drivers.parquet", "event_timestamp"),
        ],
        [
            new FeatureViewDefinition(
                "driver_pii",
                ["driver"],
                [
                    new FeatureDefinition("rating", FeatureType.Float64),
                    new FeatureDefinition("home_city", FeatureType.String, Pii: PiiClass.Personal),
                    new FeatureDefinition("credit_score", FeatureType.Int64, Pii: PiiClass.Sensitive),
                ],
                "driver_pushes",
                "ml@example.com"),
            new FeatureViewDefinition("driver_stats", ["driver"], [new FeatureDefinition("trips", FeatureType.Int64)], "driver_source", "ml@example.com"),
        ],
        [new FeatureServiceDefinition("ranking", [new FeatureSelection("driver_pii", ["rating", "home_city"])], "ml@example.com")]);

    /// <summary>The online PII audit lines, oldest first.</summary>
    public async Task<List<AuditEntry>> OnlineReadLinesAsync() =>
        [.. (await Registry.QueryAuditAsync(Project, new AuditQuery()))
            .Select(r => r.Entry)
            .Where(e => e.Action == AuditActions.OnlineRead)
            .OrderBy(e => e.At).ThenBy(e => e.Actor, StringComparer.Ordinal).ThenBy(e => e.Subject, StringComparer.Ordinal)];

    protected override void DisposeMore() => Loggers.Dispose();
}
