using FeatureStore.Client;
using FeatureStore.Online;
using FeatureStore.Parquet;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;
using FeatureStore.Serving.Hosting;
using FeatureStore.Serving.V1;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace FeatureStore.Serving.Tests;

/// <summary>
/// A real feature server over a temp feature repo whose <c>driver_pushes</c> source is a push source
/// (<c>data/driver_pushes/</c>, created column <c>ingested_at</c>) read by the online view <c>driver_live</c>; the batch
/// view <c>driver_stats</c> takes no pushes. SQLite registry and online store; the C# client connected.
/// </summary>
internal sealed class PushServer : IAsyncDisposable
{
    public const string Project = "rides";
    public const string PushSourceDir = "data/driver_pushes";

    private PushServer(string repoDir, IRegistryStore registry, IOnlineStore online, FeatureServer server)
    {
        RepoDir = repoDir;
        Registry = registry;
        Online = online;
        Server = server;
        Client = new FeatureServingClient(server.Address);
    }

    public string RepoDir { get; }

    public IRegistryStore Registry { get; }

    public IOnlineStore Online { get; }

    public FeatureServer Server { get; }

    public FeatureServingClient Client { get; }

    /// <summary>Starts over <see cref="Definitions"/> with a push source, or with <paramref name="definitions"/> when given.</summary>
    public static async Task<PushServer> StartAsync(ReplyEncoding encoding = ReplyEncoding.Direct, RegistryDefinitions? definitions = null)
    {
        var repoDir = Directory.CreateTempSubdirectory("fs-push-").FullName;
        var registry = RegistryStoreFactory.Open(new RegistryStoreSettings(RegistryStoreKind.Sqlite, "registry.db"), repoDir);
        await registry.InitializeAsync();
        await ServingEnvironment.ApplyAsync(registry, definitions ?? Definitions(new StreamDefinition(StreamKind.Push)));
        var online = OnlineStoreFactory.Open(new OnlineStoreSettings(OnlineStoreKind.Sqlite, "online.db"), repoDir);
        var options = new FeatureServerOptions
        {
            Project = Project,
            Port = 0,
            MetricsPort = 0,
            RepoDir = repoDir,
            ReplyEncoding = encoding,
            RegistryPollInterval = TimeSpan.FromMilliseconds(100),
            FreshnessInterval = TimeSpan.FromMilliseconds(100),
        };
        return new PushServer(repoDir, registry, online, await FeatureServer.StartAsync(options, registry, online));
    }

    /// <summary>The test repo; <paramref name="stream"/> null makes driver_pushes a plain batch source.</summary>
    public static RegistryDefinitions Definitions(StreamDefinition? stream) => new(
        Project,
        [new EntityDefinition("driver", [new JoinKey("driver_id", FeatureType.Int64)])],
        [
            new DataSourceDefinition("driver_pushes", PushSourceDir + "/", "event_timestamp", "ingested_at", Stream: stream),
            new DataSourceDefinition("driver_source", "data/drivers.parquet", "event_timestamp"),
        ],
        [
            new FeatureViewDefinition(
                "driver_live",
                ["driver"],
                [
                    new FeatureDefinition("conv_rate", FeatureType.Float32),
                    new FeatureDefinition("trips", FeatureType.Int64),
                    new FeatureDefinition("city", FeatureType.String),
                ],
                "driver_pushes",
                "ml@example.com",
                Ttl: TimeSpan.FromDays(1)),
            new FeatureViewDefinition("driver_stats", ["driver"], [new FeatureDefinition("trips", FeatureType.Int64)], "driver_source", "ml@example.com"),
        ],
        []);

    /// <summary>A driver_live row: join key, features and event time as wire values.</summary>
    public static PushRow Row(long driverId, DateTimeOffset eventTime, float convRate, long trips, string? city = "Lyon")
    {
        var row = new PushRow();
        row.Columns["driver_id"] = new Value { Int64Val = driverId };
        row.Columns["event_timestamp"] = new Value { TimestampVal = Timestamp.FromDateTimeOffset(eventTime) };
        row.Columns["conv_rate"] = new Value { FloatVal = convRate };
        row.Columns["trips"] = new Value { Int64Val = trips };
        row.Columns["city"] = city is null ? new Value() : new Value { StringVal = city };
        return row;
    }

    public static PushFeaturesRequest Request(string view, params PushRow[] rows)
    {
        var request = new PushFeaturesRequest { FeatureView = view };
        request.Rows.AddRange(rows);
        return request;
    }

    /// <summary>driver_live's conv_rate and trips for one driver, read through GetOnlineFeatures.</summary>
    public async Task<(FieldStatus Status, float ConvRate, long Trips, DateTimeOffset EventTime)> ReadAsync(long driverId)
    {
        var request = new GetOnlineFeaturesRequest { Features = new FeatureList { Val = { "driver_live:conv_rate", "driver_live:trips" } } };
        request.Entities["driver_id"] = new RepeatedValue { Val = { new Value { Int64Val = driverId } } };
        var reply = await Client.GetOnlineFeaturesAsync(request);
        return (reply.Results[0].Statuses[0], reply.Results[0].Values[0].FloatVal, reply.Results[1].Values[0].Int64Val,
            reply.Results[0].EventTimestamps[0].ToDateTimeOffset());
    }

    /// <summary>Every row appended under the push source's folder: (driver_id, trips, event time, created time).</summary>
    public List<(long DriverId, long Trips, DateTimeOffset EventTime, DateTimeOffset CreatedAt)> AppendedRows()
    {
        var rows = new List<(long, long, DateTimeOffset, DateTimeOffset)>();
        var folder = Path.Combine(RepoDir, PushSourceDir);
        if (!Directory.Exists(folder))
            return rows;
        foreach (var file in Directory.EnumerateFiles(folder, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var reader = ParquetFileReader.Open(file);
            var batch = reader.ReadAll();
            for (var r = 0; r < batch.RowCount; r++)
            {
                rows.Add(((long)batch["driver_id"].GetValue(r)!, (long)batch["trips"].GetValue(r)!, Instant(batch, "event_timestamp", r), Instant(batch, "ingested_at", r)));
            }
        }

        return rows;
    }

    /// <summary>Files of any kind under the push source's folder (aside files included).</summary>
    public string[] FilesUnderPushSource()
    {
        var folder = Path.Combine(RepoDir, PushSourceDir);
        return Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : [];
    }

    private static DateTimeOffset Instant(RecordBatch batch, string column, int row)
    {
        var type = batch.Schema[batch.Schema.IndexOf(column)].Type;
        return new DateTimeOffset(TemporalValues.ToDateTime(((Int64Column)batch[column]).Values[row], type.Unit));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        await Online.DisposeAsync();
        await Registry.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(RepoDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pool is left in the temp folder; it does not affect other tests.
        }
    }
}
