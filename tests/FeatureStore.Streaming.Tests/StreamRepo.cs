using FeatureStore.Online;
using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Streaming.Tests;

/// <summary>
/// A throwaway feature repo with streamed sources declared in C#: <c>trips</c> (Kafka, allowed lateness 10 s, column
/// <c>conv</c> mapped to the view feature <c>conv_rate</c>) read by online view <c>driver_stats</c> (conv_rate float64 in
/// [0, 1], trips int32, city string in {berlin, paris}) and offline-only view <c>driver_history</c>; <c>typed</c> (push)
/// read by <c>all_types</c>, one feature per type. Each repo gets its own online store (a SQLite file, or a unique project
/// name on the shared Redis) and a fixed clock.
/// </summary>
internal sealed class StreamRepo : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private StreamRepo(string dir, RegistryDefinitions definitions, IOnlineStore store)
    {
        Dir = dir;
        Definitions = definitions;
        Store = store;
    }

    public string Dir { get; }

    public RegistryDefinitions Definitions { get; }

    public IOnlineStore Store { get; }

    public FixedClock Clock { get; } = new(T0.AddHours(1));

    public string TripsDirectory => Path.Combine(Dir, "data", "trips");

    public string TypedDirectory => Path.Combine(Dir, "data", "typed");

    public static StreamRepo Create(StoreKind kind = StoreKind.Sqlite, Func<RegistryDefinitions, RegistryDefinitions>? change = null)
    {
        var dir = Directory.CreateTempSubdirectory("fs-stream-").FullName;
        var project = "p" + Guid.NewGuid().ToString("N")[..12];
        var definitions = Definitions_(project);
        if (change is not null)
            definitions = change(definitions);
        IOnlineStore store = kind switch
        {
            StoreKind.Sqlite => new FeatureStore.Online.Sqlite.SqliteOnlineStore(Path.Combine(dir, ".featurestore", "online.db")),
            _ => OnlineStoreFactory.Open(new OnlineStoreSettings(OnlineStoreKind.Redis, ConnectionString: TestServers.Redis), dir),
        };
        return new StreamRepo(dir, definitions, store);
    }

    public StreamIngestor Ingestor(IngestionMetrics? metrics = null) =>
        new(Definitions, Dir, Store, new StreamIngestorOptions(Clock, metrics));

    public static DecodedRecord Trip(long offset, long driver, DateTimeOffset eventTime, object? conv = null, object? trips = null, object? city = null, int partition = 0, string topic = "trips")
    {
        var columns = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["driver_id"] = driver,
            ["event_timestamp"] = eventTime,
            ["conv"] = conv ?? 0.5,
            ["trips"] = trips ?? 3L,
            ["city"] = city ?? "berlin",
        };
        return new DecodedRecord(new RecordPosition(topic, partition, offset), columns);
    }

    public OnlineViewRef StatsRef => new(Definitions.Project, "driver_stats", 1);

    /// <summary>driver_stats of one driver: found, event time, and values (conv_rate, trips, city).</summary>
    public async Task<OnlineEntityRow> ReadStatsAsync(long driver)
    {
        var request = new OnlineReadRequest(StatsRef, ["conv_rate", "trips", "city"], [EntityKey.Of(FeatureValue.FromInt64(driver))]);
        var result = await Store.ReadAsync([request]);
        return result.Requests[0].Rows[0];
    }

    /// <summary>Every row appended under a folder, read back with the project's Parquet dataset reader.</summary>
    public static List<Dictionary<string, object?>> ReadOffline(string directory)
    {
        var rows = new List<Dictionary<string, object?>>();
        if (ParquetDataset.FindFiles(directory).Count == 0)
            return rows;
        var dataset = ParquetDataset.Open(directory);
        foreach (var batch in dataset.ReadBatches())
        {
            for (var r = 0; r < batch.RowCount; r++)
            {
                var row = new Dictionary<string, object?>(StringComparer.Ordinal);
                for (var c = 0; c < batch.Schema.Count; c++)
                    row[batch.Schema[c].Name] = batch.Columns[c].GetValue(r);
                rows.Add(row);
            }
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static RegistryDefinitions Definitions_(string project)
    {
        var driver = new EntityDefinition("driver", [new JoinKey("driver_id", FeatureType.Int64)]);
        var trips = new DataSourceDefinition("trips", "data/trips/", "event_timestamp", "ingested_at",
            FieldMapping: new Dictionary<string, string> { ["conv"] = "conv_rate" },
            Stream: new StreamDefinition(StreamKind.Kafka, new KafkaStreamDefinition(
                "127.0.0.1:9092", "trips", "fs-trips", StreamMessageFormat.Json, "ts", TimeSpan.FromSeconds(10))));
        var typed = new DataSourceDefinition("typed", "data/typed/**/*.parquet", "event_timestamp", "ingested_at",
            Stream: new StreamDefinition(StreamKind.Push));
        var history = new DataSourceDefinition("history", "data/history.parquet", "event_timestamp");
        var stats = new FeatureViewDefinition("driver_stats", ["driver"],
            [new FeatureDefinition("conv_rate", FeatureType.Float64), new FeatureDefinition("trips", FeatureType.Int32), new FeatureDefinition("city", FeatureType.String)],
            "trips", "ml@example.com", Ttl: TimeSpan.FromDays(2),
            Quality: new QualityDefinition(QualityPolicy.Quarantine,
                [new QualityRule("conv_rate", NotNull: true, Min: 0, Max: 1), new QualityRule("city", Allowed: ["berlin", "paris"])]));
        var offlineOnly = new FeatureViewDefinition("driver_history", ["driver"],
            [new FeatureDefinition("trips", FeatureType.Int32)], "trips", "ml@example.com", Online: false);
        var allTypes = new FeatureViewDefinition("all_types", ["driver"],
        [
            new FeatureDefinition("i32", FeatureType.Int32), new FeatureDefinition("i64", FeatureType.Int64),
            new FeatureDefinition("f32", FeatureType.Float32), new FeatureDefinition("f64", FeatureType.Float64),
            new FeatureDefinition("flag", FeatureType.Bool), new FeatureDefinition("name", FeatureType.String),
            new FeatureDefinition("blob", FeatureType.Bytes), new FeatureDefinition("seen", FeatureType.Timestamp),
            new FeatureDefinition("emb32", FeatureType.Float32List), new FeatureDefinition("emb64", FeatureType.Float64List),
        ], "typed", "ml@example.com");
        var batchOnly = new FeatureViewDefinition("batch_stats", ["driver"], [new FeatureDefinition("x", FeatureType.Int64)], "history", "ml@example.com");
        return new RegistryDefinitions(project, [driver], [trips, typed, history], [stats, offlineOnly, allTypes, batchOnly], []);
    }
}
