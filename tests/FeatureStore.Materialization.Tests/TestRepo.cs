using System.Globalization;
using FeatureStore.Materialization.Progress;
using FeatureStore.Materialization.Running;
using FeatureStore.Online;
using FeatureStore.Parquet;
using FeatureStore.Registry.Planning;
using FeatureStore.Registry.Storage;
using FeatureStore.Registry.Yaml;

namespace FeatureStore.Materialization.Tests;

/// <summary>
/// A throwaway feature repo with its own project name: entity driver; views driver_stats (source with a created column)
/// and driver_stats_by_event (same files, no created column), plus an offline-only view. History files go to data/stats/.
/// The online store is the embedded SQLite one, the test Redis or the test Redis Cluster ("sqlite" | "redis" | "redis-cluster").
/// </summary>
internal sealed class TestRepo : IAsyncDisposable
{
    public static readonly DateTimeOffset Day0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly List<IAsyncDisposable> opened = [];
    private int fileCount;

    public TestRepo(string store, string? onlineOverride = null)
    {
        Dir = Directory.CreateTempSubdirectory("fs-mat-").FullName;
        Project = "t" + Guid.NewGuid().ToString("N")[..12];
        var online = onlineOverride ?? store switch
        {
            "sqlite" => "online_store: {type: sqlite}\n",
            "redis" => $"online_store: {{type: redis, connection_string: \"{TestServers.Redis}\"}}\n",
            "redis-cluster" => $"online_store: {{type: redis, connection_string: \"{RedisCluster}\"}}\n",
            _ => throw new ArgumentException($"unknown store '{store}'", nameof(store)),
        };
        File.WriteAllText(Path.Combine(Dir, "featurestore.yaml"), $"project: {Project}\n{online}");
        Directory.CreateDirectory(Path.Combine(Dir, "data", "stats"));
    }

    public string Dir { get; }

    private static string RedisCluster
    {
        get
        {
            var value = Environment.GetEnvironmentVariable("FEATURESTORE_TEST_REDIS_CLUSTER");
            Assert.False(string.IsNullOrWhiteSpace(value),
                "FEATURESTORE_TEST_REDIS_CLUSTER is not set: run ./test.sh, or start one with deploy/redis-cluster.sh start DIR and export it");
            return value!;
        }
    }

    public string Project { get; }

    public FixedClock Clock { get; } = new(Day0.AddDays(30));

    /// <summary>Writes the definitions (with an optional quality block on driver_stats) and applies them.</summary>
    public async Task ApplyAsync(string quality = "")
    {
        File.WriteAllText(Path.Combine(Dir, "definitions.yaml"), $$"""
            entities:
              - name: driver
                join_keys: [{name: driver_id, type: int64}]
            data_sources:
              - name: stats_source
                path: data/stats/
                timestamp_field: event_ts
                created_timestamp_field: created_ts
              - name: events_source
                path: data/stats/
                timestamp_field: event_ts
            feature_views:
              - name: driver_stats
                entities: [driver]
                source: stats_source
                owner: test@example.com
            {{quality}}
                features:
                  - {name: conv_rate, type: float32}
                  - {name: trips, type: int64}
                  - {name: city, type: string}
              - name: driver_stats_by_event
                entities: [driver]
                source: events_source
                owner: test@example.com
                features:
                  - {name: conv_rate, type: float32}
                  - {name: trips, type: int64}
              - name: driver_stats_offline
                entities: [driver]
                source: stats_source
                owner: test@example.com
                online: false
                features:
                  - {name: trips, type: int64}

            """);
        var repo = FeatureRepoLoader.Load(Dir);
        await using var registry = await OpenRegistryAsync();
        await RegistryApplier.ApplyAsync(registry, repo.Definitions, new PlanOptions(), "test", CancellationToken.None);
    }

    /// <summary>One file of <paramref name="count"/> rows, one per minute from <see cref="Day0"/>, each for its own driver.</summary>
    public void AddMinutelyRows(int count) =>
        AddFile([.. Enumerable.Range(1, count).Select(i => new HistoryRow(i, Day0.AddMinutes(i), Day0.AddMinutes(i), 0.5f, i))]);

    /// <summary>Adds one Parquet file of history (files are read in name order).</summary>
    public void AddFile(params HistoryRow[] rows)
    {
        var schema = new ParquetSchema(
            new ParquetField("driver_id", ParquetType.Int64, Nullable: false),
            new ParquetField("event_ts", ParquetType.Timestamp(TimeUnit.Micros), Nullable: false),
            new ParquetField("created_ts", ParquetType.Timestamp(TimeUnit.Micros)),
            new ParquetField("conv_rate", ParquetType.Float),
            new ParquetField("trips", ParquetType.Int64),
            new ParquetField("city", ParquetType.String));
        var batch = new RecordBatch(schema,
        [
            new Int64Column([.. rows.Select(r => r.DriverId)]),
            new Int64Column([.. rows.Select(r => Micros(r.Event))]),
            new Int64Column([.. rows.Select(r => r.Created is { } c ? Micros(c) : 0)], [.. rows.Select(r => r.Created is not null)]),
            new FloatColumn([.. rows.Select(r => r.ConvRate ?? 0)], [.. rows.Select(r => r.ConvRate is not null)]),
            new Int64Column([.. rows.Select(r => r.Trips ?? 0)], [.. rows.Select(r => r.Trips is not null)]),
            BinaryColumn.FromStrings([.. rows.Select(r => r.City)]),
        ], rows.Length);
        var path = Path.Combine(Dir, "data", "stats", $"part-{fileCount++:D3}.parquet");
        using var writer = ParquetFileWriter.Create(path, schema);
        writer.WriteBatch(batch);
    }

    /// <summary>Writes definitions of the test's own and applies them (for sources and types the standard views do not have).</summary>
    public async Task ApplyYamlAsync(string definitions)
    {
        File.WriteAllText(Path.Combine(Dir, "definitions.yaml"), definitions);
        var repo = FeatureRepoLoader.Load(Dir);
        await using var registry = await OpenRegistryAsync();
        await RegistryApplier.ApplyAsync(registry, repo.Definitions, new PlanOptions(), "test", CancellationToken.None);
    }

    /// <summary>Writes one Parquet file at <paramref name="relativePath"/> (folders created).</summary>
    public void WriteParquet(string relativePath, ParquetSchema schema, Column[] columns, int rows)
    {
        var path = Path.Combine(Dir, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var writer = ParquetFileWriter.Create(path, schema);
        writer.WriteBatch(new RecordBatch(schema, columns, rows));
    }

    /// <summary>The default spill folder of this repo's runs; it holds no file once runs have ended.</summary>
    public string SpillRoot => Path.Combine(Dir, ".featurestore", "spill");

    public static long Micros(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public async Task<IRegistryStore> OpenRegistryAsync()
    {
        var store = RegistryStoreFactory.Open(FeatureRepoLoader.LoadConfig(Dir).Registry, Dir);
        await store.InitializeAsync();
        return store;
    }

    public IOnlineStore OpenOnline() => OnlineStoreFactory.Open(FeatureRepoLoader.LoadConfig(Dir).OnlineStore.ToOnlineStoreSettings(), Dir);

    /// <summary>A materializer over this repo's registry and online store (closed with the repo).</summary>
    public async Task<Materializer> MaterializerAsync(
        TimeSpan? chunk = null, IOnlineStore? online = null, int entitiesPerPartition = 50_000, IMaterializationProgress? progress = null, long? memoryBudgetBytes = null)
    {
        var registry = await OpenRegistryAsync();
        opened.Add(registry);
        if (online is null)
        {
            online = OpenOnline();
            opened.Add(online);
        }

        return new Materializer(registry, online, Project, Dir, new MaterializerOptions
        {
            Clock = Clock, ChunkSize = chunk ?? TimeSpan.FromDays(1), EntitiesPerPartition = entitiesPerPartition, Progress = progress,
            MemoryBudgetBytes = memoryBudgetBytes ?? new MaterializerOptions().MemoryBudgetBytes,
        });
    }

    /// <summary>Every stored row of a view for drivers 1..<paramref name="maxDriver"/>: "id event values" lines, "id -" when absent.</summary>
    public async Task<IReadOnlyList<string>> DumpAsync(string view, int maxDriver, IOnlineStore? online = null)
    {
        var store = online ?? OpenOnline();
        try
        {
            var features = view == "driver_stats" ? new[] { "conv_rate", "trips", "city" } : ["conv_rate", "trips"];
            var keys = Enumerable.Range(1, maxDriver).Select(i => EntityKey.Of(FeatureValue.FromInt64(i))).ToList();
            var result = await store.ReadAsync([new OnlineReadRequest(new OnlineViewRef(Project, view, 1), features, keys)]);
            return [.. result.Requests[0].Rows.Select((row, i) => row.Found
                ? $"{i + 1} {row.EventTimestamp.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)} {string.Join(",", row.Values.Select(v => v?.ToString() ?? "?"))}"
                : $"{i + 1} -")];
        }
        finally
        {
            if (online is null)
                await store.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var item in opened)
            await item.DisposeAsync();
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file for a moment; the temp folder is harmless.
        }
    }
}
