using System.Diagnostics;
using System.Globalization;

namespace FeatureStore.Benchmarks;

/// <summary>
/// <c>pit [--entities N] [--feature-rows N] [--spine N] [--memory-budget SIZE] [--small-budget SIZE] [--repeat N] [--dir DIR]</c>:
/// generates three views and a spine once, then builds the same training set with this engine (child process) and with
/// DuckDB ASOF JOIN (node child process) over the same files, printing wall time, peak RSS and the ratio; finally the
/// engine again with a budget well below the data size, which must complete by spilling.
/// </summary>
internal static class PitBenchmark
{
    public static int Run(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i]] = args[i + 1];
        }

        string Option(string name, string fallback) => options.TryGetValue(name, out var value) ? value : fallback;
        var dir = Path.GetFullPath(Option("--dir", Path.Combine(Path.GetTempPath(), "fs-pit-bench")));
        var budget = FeatureStore.Offline.MemorySize.Parse(Option("--memory-budget", "1GB"));
        if (options.ContainsKey("--engine-only"))
        {
            return PitEngineRun.Run(dir, budget, Option("--engine-only", Path.Combine(dir, "engine.parquet")));
        }

        var entities = long.Parse(Option("--entities", "1000000"), CultureInfo.InvariantCulture);
        var featureRows = long.Parse(Option("--feature-rows", "10000000"), CultureInfo.InvariantCulture);
        var spineRows = long.Parse(Option("--spine", "1000000"), CultureInfo.InvariantCulture);
        var smallBudget = Option("--small-budget", "64MB");
        Generate(dir, entities, featureRows, spineRows);
        var dataMb = Directory.GetFiles(dir, "*.parquet").Where(f => !Path.GetFileName(f).StartsWith("out", StringComparison.Ordinal)).Sum(f => new FileInfo(f).Length) / 1e6;
        Console.WriteLine($"pit benchmark: {featureRows:N0} feature rows (3 views) over {entities:N0} entities, spine {spineRows:N0} rows, {dataMb:N0} MB of Parquet, {Environment.ProcessorCount} cores");

        // Shared machines are noisy: alternate the two sides and keep each side's fastest run (peak RSS: the highest seen).
        var repeat = int.Parse(Option("--repeat", "3"), CultureInfo.InvariantCulture);
        var engineOut = Path.Combine(dir, "out-engine.parquet");
        Dictionary<string, string>? engine = null, duck = null;
        for (var run = 1; run <= repeat; run++)
        {
            var e = Child(SelfCommand(), ["pit", "--dir", dir, "--memory-budget", Option("--memory-budget", "1GB"), "--engine-only", engineOut]);
            var d = Child("node", [Path.Combine(InteropDir(), "pit", "asof-bench.mjs"), dir, Path.Combine(dir, "out-duckdb.parquet"), engineOut]);
            Console.WriteLine($"run {run}: engine {e["wall"]} s wall, {e["cpu"]} s CPU, {Value(e, "rss_kb") / 1024:F0} MB; duckdb {d["wall"]} s wall, {d["cpu"]} s CPU, {Value(d, "rss_kb") / 1024:F0} MB");
            engine = Best(engine, e);
            duck = Best(duck, d);
        }

        Console.WriteLine($"engine : {Describe(engine!)}");
        Console.WriteLine($"duckdb : {Describe(duck!)}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio engine/duckdb: time {Value(engine!, "wall") / Value(duck!, "wall"):F2}x wall, {Value(engine!, "cpu") / Value(duck!, "cpu"):F2}x CPU, peak RSS {Value(engine!, "rss_kb") / Value(duck!, "rss_kb"):F2}x (targets: time <= 1.0x, engine RSS < 2048 MB)"));

        var spill = Child(SelfCommand(), ["pit", "--dir", dir, "--memory-budget", smallBudget, "--engine-only", Path.Combine(dir, "out-spill.parquet")]);
        Console.WriteLine($"engine with --memory-budget {smallBudget}: {Describe(spill)}");
        return 0;
    }

    private static Dictionary<string, string> Best(Dictionary<string, string>? best, Dictionary<string, string> run)
    {
        if (best is null)
        {
            return run;
        }

        var result = Value(run, "wall") < Value(best, "wall") ? new Dictionary<string, string>(run) : new Dictionary<string, string>(best);
        result["rss_kb"] = Math.Max(Value(run, "rss_kb"), Value(best, "rss_kb")).ToString(CultureInfo.InvariantCulture);
        return result;
    }

    private static void Generate(string dir, long entities, long featureRows, long spineRows)
    {
        var marker = Path.Combine(dir, $"generated-{entities}-{featureRows}-{spineRows}");
        if (File.Exists(marker))
        {
            Console.WriteLine($"reusing data in {dir}");
            return;
        }

        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        Directory.CreateDirectory(dir);
        var watch = Stopwatch.StartNew();
        PitData.Generate(dir, entities, featureRows, spineRows);
        File.WriteAllText(marker, "");
        Console.WriteLine($"generated data in {dir} in {watch.Elapsed.TotalSeconds:F1} s");
    }

    private static Dictionary<string, string> Child(string program, string[] arguments)
    {
        var (file, prefix) = program.EndsWith(".dll", StringComparison.Ordinal) ? ("dotnet", new[] { program }) : (program, Array.Empty<string>());
        var start = new ProcessStartInfo(file, [.. prefix, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {output} {error.Result}");
        }

        return line["RESULT ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
    }

    private static string Describe(Dictionary<string, string> result) => string.Join(", ", result.Select(r => r.Key switch
    {
        "wall" => $"wall {r.Value} s",
        "cpu" => $"CPU {r.Value} s",
        "rss_kb" => $"peak RSS {double.Parse(r.Value, CultureInfo.InvariantCulture) / 1024:F0} MB",
        _ => $"{r.Key} {r.Value}",
    }));

    private static double Value(Dictionary<string, string> result, string key) => double.Parse(result[key], CultureInfo.InvariantCulture);

    private static string SelfCommand()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(process) == "dotnet" ? typeof(PitBenchmark).Assembly.Location : process;
    }

    private static string InteropDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FeatureStore.sln")))
            {
                return Path.Combine(dir.FullName, "tests", "interop");
            }
        }

        throw new InvalidOperationException("FeatureStore.sln not found above " + AppContext.BaseDirectory);
    }
}
