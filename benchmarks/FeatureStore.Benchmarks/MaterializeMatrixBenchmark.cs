using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FeatureStore.Materialization.Running;
using FeatureStore.Offline.Memory;
using FeatureStore.Online;
using FeatureStore.Parquet;
using FeatureStore.Registry.Planning;
using FeatureStore.Registry.Storage;
using FeatureStore.Registry.Yaml;
using StackExchange.Redis;

namespace FeatureStore.Benchmarks;

/// <summary>
/// <c>materialize-matrix --redis HOST:PORT [--cluster H:P,H:P,H:P] [--entities 100000,300000] [--rows-per-key 1,20]
/// [--days 1,180] [--big] [--repeat N] [--shuffled] [--huge-pages] [--dir DIR]</c>: per cell (store x entities x rows per key x range) a fresh project, one
/// backfill of the whole range, and a baseline measured in the same run: DuckDB (npm @duckdb/node-api from
/// tests/interop, timed inside node) reading latest-per-key from the same Parquet into a table, plus a raw pipelined HSET
/// of exactly the final rows (same value size) from C#. Prints rows read, rows written, seconds and materializer /
/// baseline. Each store starts with untimed runs of one cell, so the JIT (compiling and then recompiling hot methods
/// optimized, in the background) is not charged to the first cells. With <c>--repeat N</c>
/// every cell runs N times (fresh project each time) and each side keeps its fastest run, so one noisy moment on a shared
/// machine does not decide a cell. History is written in event-time order (each entity's j-th row in round j), as a
/// partitioned history table usually is; <c>--shuffled</c> writes it in random order (a pseudo-random permutation of the
/// whole history, <see cref="RandomOrder"/>, made one row group at a time), so every row group holds winners.
/// <c>--big</c> adds 1M and 5M entities, 200 rows per key and 365 days (hours of work on
/// 2 cores).
/// </summary>
internal static class MaterializeMatrixBenchmark
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const int WarmUpEntities = 100_000;

    private const int RowGroupRows = 1 << 20;

    /// <summary>Untimed runs per store: after one, hot methods were still being recompiled during the next cells.</summary>
    private const int WarmUpRuns = 3;

    public static int Run(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--big" or "--shuffled" or "--huge-pages")
                options[args[i]] = "1";
            else if (i + 1 < args.Length)
                options[args[i]] = args[++i];
        }

        if (!options.TryGetValue("--redis", out var redis))
        {
            Console.Error.WriteLine("usage: materialize-matrix --redis HOST:PORT [--cluster H:P,H:P,H:P] [--entities 100000,300000] [--rows-per-key 1,20] [--days 1,180] [--big] [--repeat N] [--shuffled] [--huge-pages] [--dir DIR]");
            return 2;
        }

        var big = options.ContainsKey("--big");
        var entities = Numbers(options.GetValueOrDefault("--entities", big ? "100000,300000,1000000,5000000" : "100000,300000"));
        var rowsPerKey = Numbers(options.GetValueOrDefault("--rows-per-key", big ? "1,20,200" : "1,20"));
        var days = Numbers(options.GetValueOrDefault("--days", big ? "1,180,365" : "1,180"));
        var stores = new List<(string Name, string Address)> { ("redis", redis) };
        if (options.TryGetValue("--cluster", out var cluster))
            stores.Add(("cluster", cluster));
        var shuffled = options.ContainsKey("--shuffled");
        // The CLI's materialize commands leave the GC heap on the kernel's default pages; --huge-pages advises it as the
        // training-set commands do, to compare the two on this machine.
        var hugePages = options.ContainsKey("--huge-pages");
        var advisedBytes = hugePages ? TransparentHugePages.AdviseGcHeap() : 0;
        var repeat = Math.Max(1, (int)Numbers(options.GetValueOrDefault("--repeat", "1"))[0]);
        var dir = Path.GetFullPath(options.GetValueOrDefault("--dir", Path.Combine(Path.GetTempPath(), "fs-materialize-matrix")));
        var duckdb = DuckDbScript();
        Console.WriteLine($"materialize matrix: {Environment.ProcessorCount} cores; baseline = DuckDB latest-per-key (in node) + raw pipelined HSET of the final rows; " +
            $"{WarmUpRuns} untimed runs of a {WarmUpEntities:N0} x 20 x 1-day cell per store first (JIT warm-up); fastest of {repeat} run(s) per side; " +
            (shuffled ? "history in random order" : "history in event-time order") + "; " +
            (!hugePages ? "" : advisedBytes > 0 ? "GC heap advised for transparent huge pages; " : "--huge-pages advised nothing (THP not in madvise mode); ") +
            (Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") == "0"
                ? "tiered compilation off (every method compiled optimized on first call, in the warm-up)"
                : "tiered compilation on (background recompiles can land in timed runs: set DOTNET_TieredCompilation=0)"));
        Console.WriteLine("store    entities  rows/key  days  rows read    written   mat s  (plan)  (gc)  duckdb s  hset s  ratio");
        foreach (var (store, address) in stores)
        {
            // Untimed: the first cell of a process otherwise pays the JIT for the whole path, which the DuckDB baseline
            // (timed inside its loaded process) does not.
            for (var w = 0; w < WarmUpRuns; w++)
                RunCellAsync(address, dir, duckdb, WarmUpEntities, 20, 1, shuffled).GetAwaiter().GetResult();
            foreach (var e in entities)
            {
                foreach (var r in rowsPerKey)
                {
                    foreach (var d in days)
                    {
                        var runs = Enumerable.Range(0, repeat).Select(_ => RunCellAsync(address, dir, duckdb, (int)e, (int)r, (int)d, shuffled).GetAwaiter().GetResult()).ToList();
                        Print(store, (int)e, (int)r, (int)d, runs);
                    }
                }
            }
        }

        File.Delete(duckdb);
        return 0;
    }

    /// <summary>One run of a cell: what the materializer read and wrote, its time (and planning time), and the baseline's two parts.</summary>
    private sealed record CellRun(long RowsRead, long RowsWritten, double Seconds, double PlanSeconds, double GcPauseSeconds, double DuckSeconds, long DuckRows, double HsetSeconds);

    private static void Print(string store, int entities, int rowsPerKey, int days, IReadOnlyList<CellRun> runs)
    {
        var seconds = runs.Min(r => r.Seconds);
        var plan = runs.Min(r => r.PlanSeconds);
        var gc = runs.MinBy(r => r.Seconds)!.GcPauseSeconds;
        var duck = runs.Min(r => r.DuckSeconds);
        var hset = runs.Min(r => r.HsetSeconds);
        var wrong = runs.FirstOrDefault(r => r.RowsWritten != entities || r.DuckRows != entities);
        var note = wrong is null ? "" : $"  (expected {entities} written; materializer wrote {wrong.RowsWritten}, duckdb rows {wrong.DuckRows})";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{store,-8} {entities,9} {rowsPerKey,9} {days,5} {runs[0].RowsRead,10} {runs[0].RowsWritten,10} {seconds,7:F2} {plan,6:F2} {gc,5:F2} {duck,9:F2} {hset,7:F2} {seconds / (duck + hset),6:F2}x{note}"));
    }

    private static async Task<CellRun> RunCellAsync(string address, string dir, string duckdb, int entities, int rowsPerKey, int days, bool shuffled)
    {
        if (Directory.Exists(dir))
            Directory.Delete(dir, recursive: true);
        var project = "mx" + Guid.NewGuid().ToString("N")[..8];
        WriteRepo(dir, project, address, entities, rowsPerKey, days, shuffled);
        var repo = FeatureRepoLoader.Load(dir);
        await using var registry = RegistryStoreFactory.Open(repo.Config.Registry, dir);
        await registry.InitializeAsync();
        await RegistryApplier.ApplyAsync(registry, repo.Definitions, new PlanOptions(), "bench", CancellationToken.None);
        await using var online = OnlineStoreFactory.Open(repo.Config.OnlineStore.ToOnlineStoreSettings() with { OperationTimeout = TimeSpan.FromSeconds(120) }, dir);
        var pausedBefore = GC.GetTotalPauseDuration();
        var clock = Stopwatch.StartNew();
        var planned = new PlannedAt(clock);
        var materializer = new Materializer(registry, online, project, dir, new MaterializerOptions { Progress = planned });

        var view = (await materializer.MaterializeAsync(Start, Start.AddDays(days))).Views.Single();
        var materializeSeconds = clock.Elapsed.TotalSeconds;
        var gcPause = GC.GetTotalPauseDuration() - pausedBefore;

        var (duckSeconds, duckRows) = DuckDbLatest(duckdb, Path.Combine(dir, "data", "*.parquet"));
        using var redis = await ConnectionMultiplexer.ConnectAsync(address + ",allowAdmin=true");
        var db = redis.GetDatabase();
        var valueBytes = await StoredRowBytesAsync(redis, project);
        var hsetSeconds = await RawHsetAsync(db, entities, valueBytes);
        foreach (var endpoint in redis.GetEndPoints())
        {
            var server = redis.GetServer(endpoint);
            if (server.IsReplica)
                continue;
            await DeleteKeysAsync(server, db, "raw:{*");
            await DeleteKeysAsync(server, db, $"fs:{project}:*");
        }

        return new CellRun(view.RowsRead, view.RowsWritten, materializeSeconds, planned.Seconds, gcPause.TotalSeconds, duckSeconds, duckRows, hsetSeconds);
    }

    // One DEL per key, pipelined: in a cluster a multi-key DEL must stay in one slot.
    private static async Task DeleteKeysAsync(IServer server, IDatabase db, string pattern)
    {
        foreach (var keys in server.Keys(pattern: pattern, pageSize: 5000).Chunk(5000))
            await Task.WhenAll(keys.Select(k => db.KeyDeleteAsync(k)));
    }

    /// <summary>
    /// rowsPerKey rows per entity spread evenly over the range (a per-entity offset keeps event times distinct), 4 features,
    /// made and written one row group at a time (memory holds one row group whatever the history's length).
    /// </summary>
    private static void WriteRepo(string dir, string project, string address, int entities, int rowsPerKey, int days, bool shuffled)
    {
        Directory.CreateDirectory(Path.Combine(dir, "data"));
        File.WriteAllText(Path.Combine(dir, "featurestore.yaml"), $"project: {project}\nonline_store: {{type: redis, connection_string: \"{address}\"}}\n");
        File.WriteAllText(Path.Combine(dir, "defs.yaml"),
            "entities:\n  - name: user\n    join_keys: [{name: user_id, type: int64}]\n" +
            "data_sources:\n  - name: src\n    path: data/\n    timestamp_field: ts\n" +
            "feature_views:\n  - name: user_stats\n    entities: [user]\n    source: src\n    owner: bench@example.com\n    features:\n" +
            "      - {name: f0, type: float32}\n      - {name: f1, type: float32}\n      - {name: f2, type: int64}\n      - {name: f3, type: float64}\n");
        var schema = new ParquetSchema(
            new ParquetField("user_id", ParquetType.Int64, Nullable: false), new ParquetField("ts", ParquetType.Timestamp(TimeUnit.Micros), Nullable: false),
            new ParquetField("f0", ParquetType.Float), new ParquetField("f1", ParquetType.Float), new ParquetField("f2", ParquetType.Int64), new ParquetField("f3", ParquetType.Double));
        var spanMicros = (long)days * 86_400_000_000L - 1;
        var stepMicros = spanMicros / rowsPerKey;
        var startMicros = (Start.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
        using var writer = ParquetFileWriter.Create(Path.Combine(dir, "data", "part-0.parquet"), schema, new ParquetWriteOptions { RowGroupSize = RowGroupRows });
        // Row p of the history is entity p % entities's (p / entities)-th row, so in event-time order round j holds every
        // entity's j-th row; shuffled, position k holds row order.At(k). Values are a hash of p: the same in both orders.
        var rows = (long)entities * rowsPerKey;
        var order = shuffled ? new RandomOrder(rows, 5) : null;
        var ids = new long[RowGroupRows];
        var ts = new long[RowGroupRows];
        var f0 = new float[RowGroupRows];
        var f1 = new float[RowGroupRows];
        var f2 = new long[RowGroupRows];
        var f3 = new double[RowGroupRows];
        for (long first = 0; first < rows; first += RowGroupRows)
        {
            var count = (int)Math.Min(RowGroupRows, rows - first);
            Parallel.For(0, count, k =>
            {
                var p = order?.At(first + k) ?? first + k;
                var (j, i) = Math.DivRem(p, entities);
                var bits = RandomOrder.Mix((ulong)p);
                ids[k] = i;
                ts[k] = startMicros + (j * stepMicros) + (i % Math.Max(1, stepMicros));
                f0[k] = (bits >> 40) / (float)(1 << 24);
                f1[k] = ((bits >> 16) & 0xFFFFFF) / (float)(1 << 24);
                f2[k] = (long)(bits % 1000);
                f3[k] = RandomOrder.Mix(bits) / (double)ulong.MaxValue;
            });
            writer.WriteBatch(new RecordBatch(schema,
                [new Int64Column(ids[..count]), new Int64Column(ts[..count]), new FloatColumn(f0[..count]), new FloatColumn(f1[..count]), new Int64Column(f2[..count]), new DoubleColumn(f3[..count])],
                count));
        }
    }

    private static (double Seconds, long Rows) DuckDbLatest(string script, string glob)
    {
        using var process = Process.Start(new ProcessStartInfo("node", [script, glob]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"DuckDB baseline failed ({process.ExitCode}): {error} (run deploy/install-test-deps.sh for tests/interop's npm packages)");
        using var json = JsonDocument.Parse(output);
        return (json.RootElement.GetProperty("ms").GetDouble() / 1000, json.RootElement.GetProperty("rows").GetInt64());
    }

    private static string DuckDbScript()
    {
        var interop = FindUp(Path.Combine("tests", "interop", "node_modules", "@duckdb", "node-api"));
        var path = Path.Combine(Path.GetTempPath(), $"fs-matrix-duckdb-{Environment.ProcessId}.cjs");
        File.WriteAllText(path, $$"""
            const { DuckDBInstance } = require({{JsonSerializer.Serialize(interop)}});
            (async () => {
              const db = await DuckDBInstance.create(':memory:');
              const c = await db.connect();
              const glob = process.argv[2].replaceAll("'", "''");
              const t = performance.now();
              await c.run(`CREATE TABLE latest AS SELECT * FROM read_parquet('${glob}') QUALIFY row_number() OVER (PARTITION BY user_id ORDER BY ts DESC) = 1`);
              const ms = performance.now() - t;
              const n = await c.runAndReadAll('SELECT count(*)::DOUBLE FROM latest');
              console.log(JSON.stringify({ ms, rows: n.getRows()[0][0] }));
            })().catch(e => { console.error(e); process.exit(1); });
            """);
        return path;
    }

    private static async Task<int> StoredRowBytesAsync(ConnectionMultiplexer redis, string project)
    {
        foreach (var endpoint in redis.GetEndPoints())
        {
            var server = redis.GetServer(endpoint);
            if (server.IsReplica)
                continue;
            foreach (var key in server.Keys(pattern: $"fs:{project}:{{*", pageSize: 10).Take(1))
            {
                var entries = await redis.GetDatabase().HashGetAllAsync(key);
                if (entries.Length > 0)
                    return ((byte[])entries[0].Value!).Length;
            }
        }

        return 48;
    }

    /// <summary>HSET of one same-size value per entity, pipelined 5000 at a time (the client routes each key to its node).</summary>
    private static async Task<double> RawHsetAsync(IDatabase db, int entities, int valueBytes)
    {
        var value = new byte[valueBytes];
        Random.Shared.NextBytes(value);
        var field = (RedisValue)new byte[] { 1, 2, 3, 4 };
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < entities; start += 5000)
        {
            var tasks = new Task[Math.Min(entities, start + 5000) - start];
            for (var i = 0; i < tasks.Length; i++)
                tasks[i] = db.HashSetAsync($"raw:{{{start + i}}}", field, value);
            await Task.WhenAll(tasks);
        }

        return clock.Elapsed.TotalSeconds;
    }

    private static string FindUp(string relative)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, relative);
            if (Directory.Exists(candidate))
                return candidate;
        }

        throw new InvalidOperationException($"{relative} not found above {AppContext.BaseDirectory}; run deploy/install-test-deps.sh");
    }

    /// <summary>When planning ended (read + gate + latest per entity): the first progress call.</summary>
    private sealed class PlannedAt(Stopwatch clock) : FeatureStore.Materialization.Progress.IMaterializationProgress
    {
        public double Seconds { get; private set; }

        public void ViewStarted(string view, long rowsRead, long rowsToWrite, int chunks) => Seconds = clock.Elapsed.TotalSeconds;

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

    private static long[] Numbers(string list) =>
        [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => long.Parse(n, CultureInfo.InvariantCulture))];
}
