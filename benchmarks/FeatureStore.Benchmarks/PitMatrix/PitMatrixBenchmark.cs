using System.Diagnostics;
using System.Globalization;
using FeatureStore.Offline;

namespace FeatureStore.Benchmarks.PitMatrix;

/// <summary>
/// <c>pit-matrix [--cells default|big|NAME,...] [--repeat 2] [--dir DIR] [--scale 1] [--cli DLL] [--memory-budget 1GB] [--duckdb-ties packed|window]</c>:
/// the whole <c>get-historical-features</c> command against DuckDB with the same semantics, cell by cell
/// (<see cref="PitMatrixCells"/>). Per cell: data generated once (cached under DIR), the two sides run alternately
/// <c>--repeat</c> times, each as a fresh measured process (<see cref="PitMatrixMeasure"/>), the outputs cross-checked
/// after the first pair (<see cref="PitMatrixCheck"/>), and one table row printed (<see cref="PitMatrixReport"/>).
/// <c>--scale</c> multiplies entities and spine rows (0.01 for a smoke run). Exit code 1 when a cell failed.
/// </summary>
internal static class PitMatrixBenchmark
{
    private static readonly string[] Known = ["--cells", "--repeat", "--dir", "--scale", "--cli", "--memory-budget", "--duckdb-ties"];

    public static int Run(string[] args)
    {
        if (args.Length > 0 && args[0] == PitMatrixMeasure.Flag)
            return PitMatrixMeasure.Run(args[1..]);
        if (args.Length > 0 && args[0] == PitMatrixEngineRun.Flag)
            return PitMatrixEngineRun.Run(args[1..]);

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!Known.Contains(args[i]) || i + 1 >= args.Length)
                throw new ArgumentException($"pit-matrix: '{args[i]}' is not an option with a value (options: {string.Join(", ", Known)})");
            options[args[i]] = args[i + 1];
        }

        string Option(string name, string fallback) => options.TryGetValue(name, out var value) ? value : fallback;
        var dir = Path.GetFullPath(Option("--dir", Path.Combine(Path.GetTempPath(), "fs-pit-matrix")));
        var scale = double.Parse(Option("--scale", "1"), CultureInfo.InvariantCulture);
        var repeat = int.Parse(Option("--repeat", "2"), CultureInfo.InvariantCulture);
        var budget = Option("--memory-budget", "1GB");
        _ = MemorySize.Parse(budget);
        var cli = options.TryGetValue("--cli", out var dll) ? Path.GetFullPath(dll) : null;
        if (cli is not null && !File.Exists(cli))
            throw new ArgumentException($"--cli {cli}: no such file (build the CLI with `./featurestore --help`, then pass .build/cli/featurestore.dll)");
        var ties = Option("--duckdb-ties", "packed");
        if (!PitMatrixDuckDb.TieStrategies.Contains(ties))
            throw new ArgumentException($"--duckdb-ties {ties}: use {string.Join(" or ", PitMatrixDuckDb.TieStrategies)}");
        if (scale <= 0 || repeat < 1)
            throw new ArgumentException("--scale must be above 0 and --repeat at least 1");
        var cells = PitMatrixCells.Select(Option("--cells", "default")).Select(c => c.Scaled(scale)).ToList();

        var outDir = Path.Combine(dir, "out");
        Directory.CreateDirectory(outDir);
        var engineOutput = Path.Combine(outDir, "engine.parquet");
        var duckOutput = Path.Combine(outDir, "duckdb.parquet");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pit-matrix: {cells.Count} cells{(scale == 1 ? "" : $" at scale {scale}")}, best of {repeat} alternating runs per side; engine: {(cli is null ? "the SDK's get-historical-features path (this program, --engine-run)" : $"dotnet {cli}")}, memory budget {budget}; DuckDB on {PitMatrixDuckDb.Threads} threads, created-time ties {ties}; {Environment.ProcessorCount} cores, load {LoadAverage()}; data in {dir}"));
        Console.WriteLine(PitMatrixReport.Header());

        var watch = Stopwatch.StartNew();
        int ok = 0, missed = 0, failed = 0;
        foreach (var cell in cells)
        {
            try
            {
                var repo = PitMatrixData.Prepare(dir, cell, line => Console.WriteLine($"  {cell.Name}: {line}"));
                PitMatrixMeasurement? engine = null, duck = null;
                for (var run = 1; run <= repeat; run++)
                {
                    Delete(engineOutput, engineOutput + ".manifest.json", duckOutput);
                    var (engineProgram, engineArguments) = PitMatrixEngineRun.Command(cli, repo, PitMatrixData.SpinePath(dir, cell), engineOutput, cell, budget);
                    engine = PitMatrixMeasurement.Best(engine, PitMatrixMeasure.Measure($"{cell.Name}: engine", engineProgram, engineArguments));
                    var (duckProgram, duckArguments) = PitMatrixDuckDb.Command(dir, cell, duckOutput, ties);
                    duck = PitMatrixMeasurement.Best(duck, PitMatrixMeasure.Measure($"{cell.Name}: DuckDB", duckProgram, duckArguments));
                    if (run == 1)
                        PitMatrixCheck.Verify(engineOutput, duckOutput, cell);
                }

                var (row, met) = PitMatrixReport.Row(cell, engine!, duck!);
                Console.WriteLine(row);
                if (met)
                    ok++;
                else
                    missed++;
            }
            catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException or FeatureStore.Sdk.FeatureStoreException)
            {
                failed++;
                Console.WriteLine(PitMatrixReport.Failed(cell, e.Message.Split('\n')[0]));
                Console.Error.WriteLine($"pit-matrix: cell {cell.Name} FAILED: {e.Message}");
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{cells.Count} cells in {watch.Elapsed.TotalMinutes:F1} min: {ok} OK, {missed} MISS, {failed} FAIL (load now {LoadAverage()}). wall x = engine wall / DuckDB wall (each side's best run); target per cell: wall x <= {PitMatrixReport.WallTarget} and e.MB (peak RSS) <= d.MB; kflt = thousands of minor page faults"));
        return failed == 0 ? 0 : 1;
    }

    private static void Delete(params string[] paths)
    {
        foreach (var path in paths)
            File.Delete(path);
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
