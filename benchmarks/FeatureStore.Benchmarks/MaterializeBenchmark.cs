using System.Diagnostics;
using System.Globalization;
using FeatureStore.Materialization;
using FeatureStore.Materialization.Running;
using FeatureStore.Online;
using FeatureStore.Online.Redis;
using FeatureStore.Parquet;
using FeatureStore.Registry.Planning;
using FeatureStore.Registry.Storage;
using FeatureStore.Registry.Yaml;
using StackExchange.Redis;

namespace FeatureStore.Benchmarks;

/// <summary>
/// <c>materialize --redis HOST:PORT [--entities N] [--dir DIR]</c>: materializes N entities x one view x 10 features
/// (one Parquet row each) into Redis, then writes the same number of rows with the same value size as raw pipelined
/// HSETs from C# (the ceiling), and runs <c>redis-benchmark -P 16 -t hset</c> when it is installed; prints rows/s,
/// the ratio, and memory per entity (INFO memory used_memory delta / entities). Deletes its own keys at the end.
/// </summary>
internal static class MaterializeBenchmark
{
    private const int Features = 10;

    public static int Run(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
            options[args[i]] = args[i + 1];
        if (!options.TryGetValue("--redis", out var redis))
        {
            Console.Error.WriteLine("usage: materialize --redis HOST:PORT [--entities N] [--dir DIR]   (start one with deploy/redis.sh start DIR)");
            return 2;
        }

        var entities = int.Parse(options.GetValueOrDefault("--entities", "1000000"), CultureInfo.InvariantCulture);
        var dir = Path.GetFullPath(options.GetValueOrDefault("--dir", Path.Combine(Path.GetTempPath(), "fs-materialize-bench")));
        return RunAsync(redis, entities, dir).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(string redis, int entities, string dir)
    {
        if (Directory.Exists(dir))
            Directory.Delete(dir, recursive: true);
        var project = "bench" + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        var eventDay = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        WriteRepo(dir, project, redis, entities, eventDay);
        Console.WriteLine($"materialize benchmark: {entities:N0} entities x 1 view x {Features} features (5 float32, 3 int64, 2 float64) into Redis {redis}, {Environment.ProcessorCount} cores");

        using var admin = ConnectionMultiplexer.Connect($"{redis},allowAdmin=true");
        var server = admin.GetServer(admin.GetEndPoints()[0]);
        var db = admin.GetDatabase();

        var before = UsedMemory(server);
        var repo = FeatureRepoLoader.Load(dir);
        await using var registry = RegistryStoreFactory.Open(repo.Config.Registry, dir);
        await registry.InitializeAsync();
        await RegistryApplier.ApplyAsync(registry, repo.Definitions, new PlanOptions(), "bench", CancellationToken.None);
        await using var online = OnlineStoreFactory.Open(repo.Config.OnlineStore.ToOnlineStoreSettings() with { OperationTimeout = TimeSpan.FromSeconds(60) }, dir);
        var clock = Stopwatch.StartNew();
        var phases = new PhaseClock(clock);
        var materializer = new Materializer(registry, online, project, dir, new MaterializerOptions { ChunkSize = TimeSpan.FromDays(1), Progress = phases });
        var summary = await materializer.MaterializeAsync(eventDay, eventDay.AddDays(1));
        var materializeSeconds = clock.Elapsed.TotalSeconds;
        var view = summary.Views.Single();
        var memory = UsedMemory(server) - before;
        var materializeRate = view.RowsWritten / materializeSeconds;
        Console.WriteLine($"materializer: {view.RowsWritten:N0} rows in {materializeSeconds:F1} s = {materializeRate:N0} rows/s (Parquet read + plan + guarded writes)");
        var writeSeconds = materializeSeconds - phases.PlannedAt.TotalSeconds;
        Console.WriteLine($"  of which read + quality gate + latest-per-entity {phases.PlannedAt.TotalSeconds:F1} s, online writes {writeSeconds:F1} s = {view.RowsWritten / writeSeconds:N0} rows/s");
        Console.WriteLine($"memory: used_memory +{memory / 1e6:F1} MB = {(double)memory / entities:F0} bytes per entity");

        var sample = await db.HashGetAllAsync(FirstKey(server, project));
        var valueBytes = sample.Length > 0 ? ((byte[])sample[0].Value!).Length : 64;
        var raw = await RawHsetAsync(db, entities, valueBytes);
        Console.WriteLine($"raw pipelined HSET from C# ({valueBytes}-byte values, batches of 5000): {raw:N0} rows/s");
        Console.WriteLine($"ratio materializer / raw HSET: {materializeRate / raw:F2}");
        // redis-benchmark's HSET test writes one hash, "myhash"; removed afterwards unless it was there before.
        var hadBenchmarkHash = await db.KeyExistsAsync(RedisBenchmarkHash);
        if (RedisBenchmark(redis, valueBytes) is { } cli)
            Console.WriteLine($"redis-benchmark -P 16 -t hset -d {valueBytes}: {cli:N0} req/s; ratio materializer / redis-benchmark: {materializeRate / cli:F2}");
        if (!hadBenchmarkHash)
            await db.KeyDeleteAsync(RedisBenchmarkHash);
        await LocalRedis.DeleteKeysAsync(server, db, "raw:{*");
        await LocalRedis.DeleteKeysAsync(server, db, $"fs:{project}:*");
        return 0;
    }

    private static void WriteRepo(string dir, string project, string redis, int entities, DateTimeOffset eventDay)
    {
        Directory.CreateDirectory(Path.Combine(dir, "data"));
        File.WriteAllText(Path.Combine(dir, "featurestore.yaml"), $"project: {project}\nonline_store: {{type: redis, connection_string: \"{redis}\"}}\n");
        var features = string.Concat(Enumerable.Range(0, Features).Select(i => $"      - {{name: f{i}, type: {TypeOf(i)}}}\n"));
        File.WriteAllText(Path.Combine(dir, "defs.yaml"),
            "entities:\n  - name: user\n    join_keys: [{name: user_id, type: int64}]\n" +
            "data_sources:\n  - name: src\n    path: data/\n    timestamp_field: ts\n" +
            $"feature_views:\n  - name: user_stats\n    entities: [user]\n    source: src\n    owner: bench@example.com\n    features:\n{features}");
        var random = new Random(5);
        var fields = new List<ParquetField> { new("user_id", ParquetType.Int64, Nullable: false), new("ts", ParquetType.Timestamp(TimeUnit.Micros), Nullable: false) };
        var columns = new List<Column>
        {
            new Int64Column([.. Enumerable.Range(0, entities).Select(i => (long)i)]),
            new Int64Column([.. Enumerable.Range(0, entities).Select(i => (eventDay.AddSeconds(i % 86400).UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10)]),
        };
        for (var f = 0; f < Features; f++)
        {
            switch (TypeOf(f))
            {
                case "float32":
                    fields.Add(new ParquetField($"f{f}", ParquetType.Float));
                    columns.Add(new FloatColumn([.. Enumerable.Range(0, entities).Select(_ => random.NextSingle())]));
                    break;
                case "int64":
                    fields.Add(new ParquetField($"f{f}", ParquetType.Int64));
                    columns.Add(new Int64Column([.. Enumerable.Range(0, entities).Select(_ => (long)random.Next(1000))]));
                    break;
                default:
                    fields.Add(new ParquetField($"f{f}", ParquetType.Double));
                    columns.Add(new DoubleColumn([.. Enumerable.Range(0, entities).Select(_ => random.NextDouble())]));
                    break;
            }
        }

        var schema = new ParquetSchema([.. fields]);
        using var writer = ParquetFileWriter.Create(Path.Combine(dir, "data", "part-0.parquet"), schema, new ParquetWriteOptions { RowGroupSize = 250_000 });
        writer.WriteBatch(new RecordBatch(schema, columns, entities));
    }

    private static string TypeOf(int feature) => feature switch { < 5 => "float32", < 8 => "int64", _ => "float64" };

    /// <summary>The ceiling: HSET of one same-size value per entity key, pipelined 5000 at a time (what the store's writes amount to without the guard).</summary>
    private static async Task<double> RawHsetAsync(IDatabase db, int entities, int valueBytes)
    {
        var value = new byte[valueBytes];
        Random.Shared.NextBytes(value);
        var field = (RedisValue)new byte[] { 1, 2, 3, 4 };
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < entities; start += 5000)
        {
            var batch = db.CreateBatch();
            var tasks = new List<Task>(5000);
            for (var i = start; i < Math.Min(entities, start + 5000); i++)
                tasks.Add(batch.HashSetAsync($"raw:{{{i}}}", [new HashEntry(field, value)]));
            batch.Execute();
            await Task.WhenAll(tasks);
        }

        return entities / clock.Elapsed.TotalSeconds;
    }

    private const string RedisBenchmarkHash = "myhash";

    private static double? RedisBenchmark(string redis, int valueBytes)
    {
        var parts = redis.Split(':');
        try
        {
            using var process = Process.Start(new ProcessStartInfo("redis-benchmark",
                ["-h", parts[0], "-p", parts[1], "-P", "16", "-n", "1000000", "-q", "-t", "hset", "-d", valueBytes.ToString(CultureInfo.InvariantCulture)])
            { RedirectStandardOutput = true })!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var line = output.Split('\r', '\n').LastOrDefault(l => l.Contains("requests per second", StringComparison.Ordinal)) ?? "";
            var number = line.Split(':').ElementAtOrDefault(1)?.Trim().Split(' ')[0];
            return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) ? rate : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static long UsedMemory(IServer server)
    {
        var memory = server.Info("memory").SelectMany(g => g).First(p => p.Key == "used_memory").Value;
        return long.Parse(memory, CultureInfo.InvariantCulture);
    }

    private static RedisKey FirstKey(IServer server, string project) =>
        server.Keys(pattern: RedisLayout.EntityHashPattern(project), pageSize: 10).First();

    /// <summary>Notes when planning ended (the first progress call), to split read+plan from write time.</summary>
    private sealed class PhaseClock(Stopwatch clock) : FeatureStore.Materialization.Progress.IMaterializationProgress
    {
        public TimeSpan PlannedAt { get; private set; }

        public void ViewStarted(string view, long rowsRead, long rowsToWrite, int chunks) => PlannedAt = clock.Elapsed;

        public void RowsWritten(string view, long writtenSoFar, long rowsToWrite)
        {
        }

        public void ChunkDone(string view, int chunk, int chunks, DateTimeOffset chunkStart, long rowsWritten, long rowsSkippedOlder, long rowsRejected)
        {
        }

        public void ViewFinished(ViewMaterializationResult result)
        {
        }
    }
}
