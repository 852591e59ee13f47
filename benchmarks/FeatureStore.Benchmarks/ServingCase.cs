using System.Globalization;
using FeatureStore.Online;
using FeatureStore.Online.Redis;
using FeatureStore.Client;
using Google.Protobuf;
using StackExchange.Redis;

namespace FeatureStore.Benchmarks;

/// <summary>
/// One load case against every server: warm-up, a closed-loop profile per server, then per rate <c>--rounds</c>
/// alternating rounds (each server in turn, then the raw HMGET baseline) and one direct store read run; then per rate
/// each server's p99 and server CPU per call as ranges over the rounds, its ratio to raw HMGET in the same round, and
/// its ratio to the first server in the same round. Each round also runs both <see cref="TransportFloor"/> methods,
/// answering with the first server's reply to one of the case's queries; the floor's read is the raw HMGET path's.
/// </summary>
internal sealed class ServingCase(ServingBenchSettings settings, ServingTarget[] targets, TransportFloor floor, HttpClient http, IOnlineStore online, IDatabase db, RedisValue[] fields, string project)
{
    private const int RequestPool = 2048;

    /// <summary>The first server's mean server call in the 1-entity closed-loop profile; 0 until that case ran.</summary>
    public double OneEntityServerCallMs { get; private set; }

    public static RedisKey RawKey(string project, long id) => RedisLayout.EntityHash(project, ServingBenchData.Key(id));

    /// <summary>Runs the case; true when every server met the target at the highest fixed rate.</summary>
    public async Task<bool> RunAsync(LoadCase load)
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
        var reads = ids.Select(row => StoreRequests(row)).ToArray();
        Func<long, Task> store = i => online.ReadAsync(reads[i % RequestPool]);
        // Waits as the store's read does, so the baseline is not slowed by a thread-pool work item per entity.
        Func<long, Task> hmget = i => RedisOnlineStore.WhenAllRepliedAsync([.. keys[i % RequestPool].Select(k => db.HashGetAsync(k, fields))]);
        Func<long, Task> Grpc(ServingTarget t) => i => t.Client.GetOnlineFeaturesAsync(queries[i % RequestPool]);

        Console.WriteLine();
        Console.WriteLine($"== {load.Name}: target p99 <= {load.P99TargetMs} ms, zero errors ==");
        foreach (var target in targets)
        {
            OpenLoopGenerator.Run(load.Rates[0], TimeSpan.FromSeconds(5), Grpc(target)); // warm-up: lets tiered JIT reach optimized code first
            var inside = await ServingProfile.PrintAsync(target, http, online, queries, reads, 500);
            if (load.EntitiesPerRequest == 1 && target == targets[0])
                OneEntityServerCallMs = inside.MeanCallMs;
        }

        floor.Answer((await targets[0].Client.GetOnlineFeaturesAsync(queries[0].ToRequest())).ToByteArray(), hmget);
        var floorRequests = queries.Select((q, i) => TransportFloor.Request(i, q.ToRequest().ToByteArray())).ToArray();
        Func<long, Task> bare = i => floor.CallAsync(floorRequests[i % RequestPool], read: false);
        Func<long, Task> bareRead = i => floor.CallAsync(floorRequests[i % RequestPool], read: true);
        OpenLoopGenerator.Run(load.Rates[0], TimeSpan.FromSeconds(5), bare);
        OpenLoopGenerator.Run(load.Rates[0], TimeSpan.FromSeconds(2), bareRead);
        OpenLoopGenerator.Run(load.Rates[0], TimeSpan.FromSeconds(1), hmget);
        var cpuNote = targets[0].Server.CpuIncludesClient ? "process cpu (client + servers: one process)" : "server process cpu";
        Console.WriteLine($"{"path",-12} {"rate/s",8} {"achieved",9} {"ok",8} {"errors",7} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"p99.9 ms",9} {"max ms",8}  server mean ms (call / store read), server's own p99 ms (from its buckets); {cpuNote} ms/call; this process during the run");
        var best = new double?[targets.Length];
        var rates = new List<double>(load.Rates);
        for (var r = 0; r < rates.Count; r++)
        {
            var rate = rates[r];
            var runs = targets.Select(_ => new List<ServerRun>()).ToArray();
            var redisP99 = new List<double>();
            var floorRuns = new List<ServerRun>();
            var floorReadRuns = new List<ServerRun>();
            for (var round = 0; round < settings.Rounds; round++)
            {
                for (var t = 0; t < targets.Length; t++)
                    runs[t].Add(await RunServerAsync(targets[t], rate, Grpc(targets[t])));
                floorRuns.Add(RunFloor("floor", rate, bare));
                floorReadRuns.Add(RunFloor("floor+hmget", rate, bareRead));
                var raw = OpenLoopGenerator.Run(rate, settings.Duration, hmget);
                Print("redis", raw, "");
                redisP99.Add(raw.P99Ms);
            }

            Print("store", OpenLoopGenerator.Run(rate, settings.Duration, store), "");
            PrintFloorSummary("floor (gRPC packages alone, fixed reply)", floorRuns, redisP99, (targets[0].Server.Name, runs[0]));
            PrintFloorSummary("floor+hmget (the raw HMGETs, then the fixed reply)", floorReadRuns, redisP99, (targets[0].Server.Name, runs[0]));
            var allSustained = true;
            for (var t = 0; t < targets.Length; t++)
            {
                var sustained = runs[t].All(x => x.Result.Errors == 0 && x.Result.AchievedRate >= rate * 0.97);
                allSustained &= sustained;
                if (sustained && runs[t].All(x => x.Result.P99Ms <= load.P99TargetMs))
                    best[t] = Math.Max(best[t] ?? 0, rate);
                PrintSummary(targets[t].Server.Name, runs[t], redisP99, t == 0 ? null : (targets[0].Server.Name, runs[0]));
            }

            // Beyond the fixed rates: keep raising by 1.5x (at most --beyond steps) while every server sustains the last one.
            if (r == rates.Count - 1 && allSustained && r < load.Rates.Count - 1 + settings.Beyond)
                rates.Add(Math.Round(rate * 1.5));
        }

        for (var t = 0; t < targets.Length; t++)
        {
            Console.WriteLine(best[t] is { } b
                ? $"{targets[t].Server.Name}: highest rate with zero errors and p99 <= {load.P99TargetMs} ms in every round: {b:N0} req/s (of those tried)"
                : $"{targets[t].Server.Name}: no rate tried met p99 <= {load.P99TargetMs} ms with zero errors in every round");
        }

        return best.All(b => b >= load.Rates.Max());
    }

    private async Task<ServerRun> RunServerAsync(ServingTarget target, double rate, Func<long, Task> call)
    {
        var before = await ServerTimes.ScrapeAsync(http, target.Server.MetricsAddress);
        var cpuBefore = target.Server.Cpu();
        var result = OpenLoopGenerator.Run(rate, settings.Duration, call);
        var cpu = target.Server.Cpu() - cpuBefore;
        var inside = await ServerTimes.ScrapeAsync(http, target.Server.MetricsAddress) - before;
        var cpuPerCall = CpuPerCall(cpu, result);
        Print(target.Server.Name, result, string.Create(CultureInfo.InvariantCulture, $"{inside}; {cpuPerCall:F3}; "));
        if (result.FirstError is { } error)
        {
            Console.WriteLine($"       first error: {error}");
            // Calls abandoned at their deadline still hold server and Redis work; let it drain before the next run.
            Thread.Sleep(TimeSpan.FromSeconds(3));
        }

        return new ServerRun(result, cpuPerCall);
    }

    /// <summary>The floor's run; CPU per call is this process's (client and floor server), read as an in-process server's is.</summary>
    private ServerRun RunFloor(string path, double rate, Func<long, Task> call)
    {
        var cpuBefore = InProcessServer.ProcessCpu();
        var result = OpenLoopGenerator.Run(rate, settings.Duration, call);
        var cpuPerCall = CpuPerCall(InProcessServer.ProcessCpu() - cpuBefore, result);
        Print(path, result, string.Create(CultureInfo.InvariantCulture, $"{cpuPerCall:F3}; "));
        return new ServerRun(result, cpuPerCall);
    }

    private static double CpuPerCall(TimeSpan cpu, OpenLoopResult result) => cpu.TotalMilliseconds / Math.Max(1, result.Completed + result.Errors);

    /// <summary>A floor's line: its ranges, then the first server's p99 and CPU over the floor's, within each round.</summary>
    private static void PrintFloorSummary(string label, List<ServerRun> runs, List<double> redisP99, (string Name, List<ServerRun> Runs) server) =>
        Console.WriteLine($"{Summary(label, runs, redisP99)}; {server.Name} / {label.Split(' ')[0]}: {Ratios(server.Runs, runs)}");

    /// <summary>One line per server and rate: ranges over the rounds, ratios taken within each round.</summary>
    private static void PrintSummary(string name, List<ServerRun> runs, List<double> redisP99, (string Name, List<ServerRun> Runs)? first) =>
        Console.WriteLine(first is { } a ? $"{Summary(name, runs, redisP99)}; vs {a.Name}: {Ratios(runs, a.Runs)}" : Summary(name, runs, redisP99));

    /// <summary>p99, CPU per call and GC-clear p99 as ranges over the rounds, p99s also over raw HMGET's in the same round.</summary>
    private static string Summary(string name, List<ServerRun> runs, List<double> redisP99) => string.Create(CultureInfo.InvariantCulture,
        $"  {name}: p99 {Range(runs.Select(x => x.Result.P99Ms), "F3")} ms, x{Range(runs.Select((x, i) => x.Result.P99Ms / redisP99[i]), "F1")} raw HMGET p99; " +
        $"cpu {Range(runs.Select(x => x.CpuMsPerCall), "F3")} ms/call; errors {runs.Sum(x => x.Result.Errors):N0}; " +
        $"calls clear of GC pauses: p99 {Range(runs.Select(x => x.Result.GcClear.P99Ms), "F3")} ms, x{Range(runs.Select((x, i) => x.Result.GcClear.P99Ms / redisP99[i]), "F1")} raw HMGET p99");

    /// <summary>p99 and CPU per call of <paramref name="runs"/> over <paramref name="baseline"/>'s, round by round.</summary>
    private static string Ratios(List<ServerRun> runs, List<ServerRun> baseline) => string.Create(CultureInfo.InvariantCulture,
        $"p99 x{Range(runs.Select((x, i) => x.Result.P99Ms / baseline[i].Result.P99Ms), "F2")}, cpu x{Range(runs.Select((x, i) => x.CpuMsPerCall / baseline[i].CpuMsPerCall), "F2")}");

    private static string Range(IEnumerable<double> values, string format)
    {
        var list = values.ToList();
        var (min, max) = (list.Min(), list.Max());
        return list.Count == 1 || min.ToString(format, CultureInfo.InvariantCulture) == max.ToString(format, CultureInfo.InvariantCulture)
            ? min.ToString(format, CultureInfo.InvariantCulture)
            : $"{min.ToString(format, CultureInfo.InvariantCulture)}-{max.ToString(format, CultureInfo.InvariantCulture)}";
    }

    /// <summary>What the server asks the store for one request: every view's 10 features for the request's entities.</summary>
    private OnlineReadRequest[] StoreRequests(long[] ids)
    {
        var keys = ids.Select(ServingBenchData.Key).ToArray();
        return [.. Enumerable.Range(0, ServingBenchData.Views).Select(v => new OnlineReadRequest(ServingBenchData.ViewRef(project, v), ServingBenchData.FeatureNames(v), keys))];
    }

    private static void Print(string path, OpenLoopResult r, string server) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{path,-12} {r.TargetRate,8:N0} {r.AchievedRate,9:N0} {r.Completed,8:N0} {r.Errors,7:N0} {r.P50Ms,8:F3} {r.P95Ms,8:F3} {r.P99Ms,8:F3} {r.P999Ms,9:F3} {r.MaxMs,8:F3}  {server}{r.Runtime}; {r.GcClear}"));

    private sealed record ServerRun(OpenLoopResult Result, double CpuMsPerCall);
}
