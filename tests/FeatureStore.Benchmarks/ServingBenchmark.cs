using System.Diagnostics;
using System.Globalization;
using FeatureStore.Online;
using FeatureStore.Online.Redis;
using FeatureStore.Registry.Storage;
using FeatureStore.Sdk.Client;
using FeatureStore.Serving.Hosting;
using FeatureStore.Serving.V1;
using StackExchange.Redis;

namespace FeatureStore.Benchmarks;

/// <summary>
/// <c>serving [--redis HOST:PORT] [--duration S] [--rates R,..|none] [--rates100 R,..|none] [--entities N]</c>: the gRPC feature
/// server under open-loop load (see <see cref="OpenLoopGenerator"/>), server in this process, next to the same reads
/// through <see cref="IOnlineStore.ReadAsync"/> directly and the raw Redis HMGETs of the same keys, at the same rates. Cases: 1 entity x 50 features (5 views) and 100 entities x 50 features.
/// </summary>
internal static class ServingBenchmark
{
    private const int RequestPool = 2048;

    public static int Run(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
            options[args[i]] = args[i + 1];
        var settings = new ServingBenchSettings(
            TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("--duration", "5"), CultureInfo.InvariantCulture)),
            Rates(options.GetValueOrDefault("--rates", "1000,2500,5000")),
            Rates(options.GetValueOrDefault("--rates100", "100,250,500")),
            int.Parse(options.GetValueOrDefault("--entities", "100000"), CultureInfo.InvariantCulture));
        if (options.TryGetValue("--redis", out var redis))
            return RunAsync(redis, settings).GetAwaiter().GetResult();
        using var local = LocalRedis.Start();
        Console.WriteLine($"started Redis at {local.Address} (deploy/redis.sh)");
        return RunAsync(local.Address, settings).GetAwaiter().GetResult();
    }

    /// <summary>A comma-separated list of rates; "none" skips the case (to profile the other one alone).</summary>
    private static double[] Rates(string text) =>
        text == "none" ? [] : [.. text.Split(',').Select(r => double.Parse(r, CultureInfo.InvariantCulture))];

    private static async Task<int> RunAsync(string redis, ServingBenchSettings settings)
    {
        var dir = Path.Combine(Path.GetTempPath(), "fs-serving-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        var project = "sbench" + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        Console.WriteLine($"serving benchmark: {settings.Entities:N0} entities x {ServingBenchData.Views} views x {ServingBenchData.FeaturesPerView} features in Redis {redis}; " +
            $"server in this process (Kestrel h2c), client FeatureServingClient; {Environment.ProcessorCount} cores; {settings.Duration.TotalSeconds:0.#} s per rate; latency from intended send time");
        try
        {
            await using var registry = RegistryStoreFactory.Open(new RegistryStoreSettings(RegistryStoreKind.Sqlite, "registry.db"), dir);
            await registry.InitializeAsync();
            await ServingBenchData.ApplyAsync(registry, project);
            await using var online = OnlineStoreFactory.Open(new OnlineStoreSettings(OnlineStoreKind.Redis, null, redis, null, TimeSpan.FromSeconds(60)), dir);
            var clock = Stopwatch.StartNew();
            await ServingBenchData.WriteAsync(online, project, settings.Entities);
            Console.WriteLine($"wrote {settings.Entities * ServingBenchData.Views:N0} rows through IOnlineStore.WriteAsync in {clock.Elapsed.TotalSeconds:F1} s");

            await using var server = await FeatureServer.StartAsync(new FeatureServerOptions { Project = project, Port = 0 }, registry, online);
            using var client = new FeatureServingClient(server.Address);
            using var raw = ConnectionMultiplexer.Connect($"{redis},allowAdmin=true");
            var db = raw.GetDatabase();
            var fields = await db.HashKeysAsync(RawKey(project, 0));
            Console.WriteLine($"server {server.Address}; raw baseline: StackExchange.Redis HMGET of {fields.Length} view fields per entity hash, entities pipelined on one connection");
            await CheckAnswerAsync(client, settings.Entities);

            var ok = true;
            ok &= RunCase(new LoadCase("1 entity x 50 features", 1, settings.Rates, 1.0), settings, server, client, online, db, fields, project);
            ok &= RunCase(new LoadCase("100 entities x 50 features", 100, settings.Rates100, 5.0), settings, server, client, online, db, fields, project);
            await LocalRedis.DeleteKeysAsync(raw.GetServer(raw.GetEndPoints()[0]), db, $"fs:{project}:*");
            Console.WriteLine(ok ? "all targets met" : "TARGETS MISSED (see above)");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static bool RunCase(LoadCase load, ServingBenchSettings settings, FeatureServer server, FeatureServingClient client, IOnlineStore online, IDatabase db, RedisValue[] fields, string project)
    {
        if (load.Rates.Count == 0)
        {
            Console.WriteLine($"\n== {load.Name}: not run (rates: none)");
            return false;
        }

        var random = new Random(load.EntitiesPerRequest);
        var ids = Enumerable.Range(0, RequestPool).Select(_ => Enumerable.Range(0, load.EntitiesPerRequest).Select(_ => (long)random.Next(settings.Entities)).ToArray()).ToArray();
        // The typed call a C# model server makes: the query is encoded per call and the reply read into a result.
        var queries = ids.Select(row => OnlineFeatureQuery.ForFeatureService(ServingBenchData.Service).WithEntities(ServingBenchData.JoinKey, row)).ToArray();
        var keys = ids.Select(row => row.Select(id => RawKey(project, id)).ToArray()).ToArray();
        Func<long, Task> grpc = i => client.GetOnlineFeaturesAsync(queries[i % RequestPool]);
        var reads = ids.Select(row => StoreRequests(project, row)).ToArray();
        Func<long, Task> store = i => online.ReadAsync(reads[i % RequestPool]);
        // Waits as the store's read does, so the baseline is not slowed by a thread-pool work item per entity.
        Func<long, Task> hmget = i => RedisOnlineStore.WhenAllRepliedAsync([.. keys[i % RequestPool].Select(k => db.HashGetAsync(k, fields))]);

        Console.WriteLine();
        Console.WriteLine($"== {load.Name}: target p99 <= {load.P99TargetMs} ms, zero errors ==");
        OpenLoopGenerator.Run(load.Rates[0], TimeSpan.FromSeconds(5), grpc); // warm-up: lets tiered JIT reach optimized code first
        ServingProfile.PrintAsync(server, client, online, queries, reads, 500).GetAwaiter().GetResult();
        OpenLoopGenerator.Run(load.Rates[0], TimeSpan.FromSeconds(1), hmget);
        Console.WriteLine($"{"path",-6} {"rate/s",8} {"achieved",9} {"ok",8} {"errors",7} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"p99.9 ms",9} {"max ms",8}  server mean ms (total / store read); runtime during the run");
        double? best = null;
        double? bestSustained = null;
        var rates = new List<double>(load.Rates);
        for (var r = 0; r < rates.Count; r++)
        {
            var rate = rates[r];
            var before = ServerTimes.Read(server);
            var served = OpenLoopGenerator.Run(rate, settings.Duration, grpc);
            var inside = ServerTimes.Read(server) - before;
            Print("grpc", served, $"{inside}; ");
            if (served.FirstError is { } error)
            {
                Console.WriteLine($"       first error: {error}");
                // Calls abandoned at their deadline still hold server and Redis work; let it drain before the baselines.
                Thread.Sleep(TimeSpan.FromSeconds(3));
            }

            Print("store", OpenLoopGenerator.Run(rate, settings.Duration, store), "");
            Print("redis", OpenLoopGenerator.Run(rate, settings.Duration, hmget), "");
            var sustained = served.Errors == 0 && served.AchievedRate >= rate * 0.97;
            if (sustained)
                bestSustained = Math.Max(bestSustained ?? 0, rate);
            if (sustained && served.P99Ms <= load.P99TargetMs)
                best = Math.Max(best ?? 0, rate);
            // Beyond the fixed rates: keep raising by 1.5x (at most 3 steps) while the last one is sustained.
            if (r == rates.Count - 1 && sustained && r < load.Rates.Count + 2)
                rates.Add(Math.Round(rate * 1.5));
        }

        Console.WriteLine(best is { } b
            ? $"highest rate sustained without errors and p99 <= {load.P99TargetMs} ms: {b:N0} req/s (of those tried)"
            : $"no rate tried met p99 <= {load.P99TargetMs} ms with zero errors");
        Console.WriteLine(bestSustained is { } bs
            ? $"highest rate sustained without errors (any p99): {bs:N0} req/s (of those tried)"
            : "no rate tried ran without errors");
        var target = load.Rates.Max();
        return best >= target;
    }

    /// <summary>What the server asks the store for one request: every view's 10 features for the request's entities.</summary>
    private static OnlineReadRequest[] StoreRequests(string project, long[] ids)
    {
        var keys = ids.Select(ServingBenchData.Key).ToArray();
        return [.. Enumerable.Range(0, ServingBenchData.Views).Select(v => new OnlineReadRequest(ServingBenchData.ViewRef(project, v), ServingBenchData.FeatureNames(v), keys))];
    }

    private static void Print(string path, OpenLoopResult r, string server) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{path,-6} {r.TargetRate,8:N0} {r.AchievedRate,9:N0} {r.Completed,8:N0} {r.Errors,7:N0} {r.P50Ms,8:F3} {r.P95Ms,8:F3} {r.P99Ms,8:F3} {r.P999Ms,9:F3} {r.MaxMs,8:F3}  {server}{r.Runtime}"));

    private static async Task CheckAnswerAsync(FeatureServingClient client, int entities)
    {
        var query = OnlineFeatureQuery.ForFeatureService(ServingBenchData.Service).WithEntities(ServingBenchData.JoinKey, 0L, entities - 1L);
        var result = await client.GetOnlineFeaturesAsync(query);
        var present = Enumerable.Range(0, result.FeatureNames.Count).Sum(f => Enumerable.Range(0, result.RowCount).Count(row => result.StatusOf(row, f) == FieldStatus.Present));
        var expected = ServingBenchData.Views * ServingBenchData.FeaturesPerView * 2;
        if (present != expected)
            throw new InvalidOperationException($"sanity check: {present} of {expected} values PRESENT for entities 0 and {entities - 1}");
        Console.WriteLine($"sanity check: {result.FeatureNames.Count} features x 2 entities, all PRESENT");
    }

    private static RedisKey RawKey(string project, long id) => RedisLayout.EntityHash(project, ServingBenchData.Key(id));

    private sealed record LoadCase(string Name, int EntitiesPerRequest, IReadOnlyList<double> Rates, double P99TargetMs);
}

/// <summary>The benchmark's knobs.</summary>
internal sealed record ServingBenchSettings(TimeSpan Duration, double[] Rates, double[] Rates100, int Entities);
