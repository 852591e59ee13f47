using System.Diagnostics;
using System.Globalization;
using FeatureStore.Online;
using FeatureStore.Registry.Storage;
using FeatureStore.Client;
using FeatureStore.Serving.Hosting;
using FeatureStore.Serving.V1;
using StackExchange.Redis;

namespace FeatureStore.Benchmarks;

/// <summary>
/// <c>serving [--redis HOST:PORT] [--duration S] [--rates R,..|none] [--rates100 R,..|none] [--entities N] [--rounds N]
/// [--server-cli DIR_A[,DIR_B..]] [--auth off|on] [--beyond N]</c>: gRPC feature servers under open-loop load (see <see cref="OpenLoopGenerator"/>),
/// driven in alternation (A, B, A, B ...) at the same rates, next to the same reads through
/// <see cref="IOnlineStore.ReadAsync"/> and the raw Redis HMGETs of the same keys. Servers: by default two in this
/// process, one per <see cref="ReplyEncoding"/>; with <c>--server-cli</c> one <c>featurestore serve</c> process per CLI
/// build (e.g. the previous main from <c>benchmarks/build-baseline.sh</c>). Cases: 1 entity x 50 features (5 views) and
/// 100 entities x 50 features. <c>--auth on</c> adds a third in-process server, <c>direct+auth</c>: keys required, called
/// with a key whose principal holds an online grant on the feature service, to show what authentication costs, and
/// measures the server's access step alone (<see cref="ServingAuthCost"/>).
/// </summary>
internal static class ServingBenchmark
{
    private static readonly string[] Options = ["--redis", "--duration", "--rates", "--rates100", "--entities", "--rounds", "--server-cli", "--auth", "--beyond"];

    public static int Run(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!Options.Contains(args[i]) || i + 1 >= args.Length)
            {
                Console.Error.WriteLine($"serving: '{args[i]}' is not an option or has no value; options: {string.Join(", ", Options)} (each with a value)");
                return 2;
            }

            options[args[i]] = args[i + 1];
        }

        var settings = new ServingBenchSettings(
            TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("--duration", "5"), CultureInfo.InvariantCulture)),
            Rates(options.GetValueOrDefault("--rates", "1000,2500,5000")),
            Rates(options.GetValueOrDefault("--rates100", "100,250,500")),
            int.Parse(options.GetValueOrDefault("--entities", "100000"), CultureInfo.InvariantCulture),
            int.Parse(options.GetValueOrDefault("--rounds", "3"), CultureInfo.InvariantCulture),
            options.TryGetValue("--server-cli", out var cli) ? [.. cli.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Path.GetFullPath)] : [],
            options.GetValueOrDefault("--auth", "off") == "on",
            int.Parse(options.GetValueOrDefault("--beyond", "3"), CultureInfo.InvariantCulture));
        if (options.GetValueOrDefault("--auth", "off") is not ("on" or "off"))
        {
            Console.Error.WriteLine($"serving: --auth '{options["--auth"]}' is not on or off");
            return 2;
        }

        if (settings.Auth && settings.ServerClis.Length > 0)
        {
            Console.Error.WriteLine("serving: --auth on adds an in-process server; it does not combine with --server-cli");
            return 2;
        }

        if (settings.Rounds < 1 || settings.Entities < 2 || settings.Beyond < 0)
        {
            Console.Error.WriteLine("serving: --rounds must be at least 1, --entities at least 2 and --beyond at least 0");
            return 2;
        }

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
        var mode = settings.ServerClis.Length == 0
            ? $"servers in this process, one per reply encoding ({string.Join(", ", Enum.GetNames<ReplyEncoding>())})"
            : $"servers out of process: {string.Join(", ", settings.ServerClis.Select(d => $"dotnet {d}/featurestore.dll serve"))}";
        Console.WriteLine($"serving benchmark: {settings.Entities:N0} entities x {ServingBenchData.Views} views x {ServingBenchData.FeaturesPerView} features in Redis {redis}; " +
            $"{mode}; client FeatureServingClient; {Environment.ProcessorCount} cores; {settings.Rounds} alternating rounds of {settings.Duration.TotalSeconds:0.#} s per rate; latency from intended send time");
        var servers = new List<IBenchServer>();
        var apiKeys = new List<string?>();
        var clients = new List<FeatureServingClient>();
        try
        {
            ServingBenchData.WriteRepoConfig(dir, project, redis);
            await using var registry = RegistryStoreFactory.Open(new RegistryStoreSettings(RegistryStoreKind.Sqlite, ServingBenchData.RegistryFile), dir);
            await registry.InitializeAsync();
            await ServingBenchData.ApplyAsync(registry, project);
            await using var online = OnlineStoreFactory.Open(new OnlineStoreSettings(OnlineStoreKind.Redis, null, redis, null, TimeSpan.FromSeconds(60)), dir);
            var clock = Stopwatch.StartNew();
            await ServingBenchData.WriteAsync(online, project, settings.Entities);
            Console.WriteLine($"wrote {settings.Entities * ServingBenchData.Views:N0} rows through IOnlineStore.WriteAsync in {clock.Elapsed.TotalSeconds:F1} s; repo {dir}");

            if (settings.ServerClis.Length == 0)
            {
                foreach (var encoding in Enum.GetValues<ReplyEncoding>())
                {
                    servers.Add(await InProcessServer.StartAsync(project, encoding, registry, online));
                    apiKeys.Add(null);
                }

                if (settings.Auth)
                {
                    apiKeys.Add(await ServingBenchAccess.CreateReaderKeyAsync(registry, project));
                    servers.Add(await InProcessServer.StartAsync(project, ReplyEncoding.Direct, registry, online, authRequired: true));
                }
            }
            else
            {
                for (var i = 0; i < settings.ServerClis.Length; i++)
                {
                    servers.Add(await CliServer.StartAsync($"{(char)('A' + i)}:{Path.GetFileName(settings.ServerClis[i])}", settings.ServerClis[i], dir));
                    apiKeys.Add(null);
                }
            }

            clients.AddRange(servers.Zip(apiKeys, (s, key) => new FeatureServingClient(new FeatureServingClientOptions { Address = s.Address, ApiKey = key })));
            using var http = new HttpClient();
            using var raw = ConnectionMultiplexer.Connect($"{redis},allowAdmin=true");
            var db = raw.GetDatabase();
            var fields = await db.HashKeysAsync(ServingCase.RawKey(project, 0));
            foreach (var (server, client) in servers.Zip(clients))
                await CheckAnswerAsync(server, client, settings.Entities);
            Console.WriteLine($"raw baseline: StackExchange.Redis HMGET of {fields.Length} view fields per entity hash, entities pipelined on one connection");

            var targets = servers.Zip(clients, (s, c) => new ServingTarget(s, c)).ToArray();
            await using var floor = await TransportFloor.StartAsync();
            var run = new ServingCase(settings, targets, floor, http, online, db, fields, project);
            var ok = await run.RunAsync(new LoadCase("1 entity x 50 features", 1, settings.Rates, 1.0));
            ok &= await run.RunAsync(new LoadCase("100 entities x 50 features", 100, settings.Rates100, 5.0));
            if (settings.Auth && run.OneEntityServerCallMs > 0)
                await ServingAuthCost.PrintAsync(registry, project, apiKeys[^1]!, run.OneEntityServerCallMs);
            await LocalRedis.DeleteKeysAsync(raw.GetServer(raw.GetEndPoints()[0]), db, $"fs:{project}:*");
            Console.WriteLine(ok ? "all targets met (every server)" : "TARGETS MISSED (see above)");
            return 0;
        }
        finally
        {
            foreach (var client in clients)
                client.Dispose();
            foreach (var server in servers)
                await server.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task CheckAnswerAsync(IBenchServer server, FeatureServingClient client, int entities)
    {
        var query = OnlineFeatureQuery.ForFeatureService(ServingBenchData.Service).WithEntities(ServingBenchData.JoinKey, 0L, entities - 1L);
        var result = await client.GetOnlineFeaturesAsync(query);
        var present = Enumerable.Range(0, result.FeatureNames.Count).Sum(f => Enumerable.Range(0, result.RowCount).Count(row => result.StatusOf(row, f) == FieldStatus.Present));
        var expected = ServingBenchData.Views * ServingBenchData.FeaturesPerView * 2;
        if (present != expected)
            throw new InvalidOperationException($"sanity check of {server.Name}: {present} of {expected} values PRESENT for entities 0 and {entities - 1}");
        Console.WriteLine($"server {server.Name} at {server.Address} (metrics {server.MetricsAddress}): {result.FeatureNames.Count} features x 2 entities, all PRESENT");
    }
}

/// <summary>The benchmark's knobs; <paramref name="ServerClis"/> empty = servers in this process; <paramref name="Beyond"/> = at most this many 1.5x rate steps after the given rates.</summary>
internal sealed record ServingBenchSettings(TimeSpan Duration, double[] Rates, double[] Rates100, int Entities, int Rounds, string[] ServerClis, bool Auth, int Beyond);

/// <summary>One load case: entities per request, the rates to try and the p99 target.</summary>
internal sealed record LoadCase(string Name, int EntitiesPerRequest, IReadOnlyList<double> Rates, double P99TargetMs);

/// <summary>A server and the client that calls it.</summary>
internal sealed record ServingTarget(IBenchServer Server, FeatureServingClient Client);
