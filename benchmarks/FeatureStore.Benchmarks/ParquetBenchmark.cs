using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using FeatureStore.Parquet;

namespace FeatureStore.Benchmarks;

/// <summary>
/// <c>parquet [--rows N]</c>: writes the feature table with the C# writer (snappy) and with DuckDB, then fully decodes each
/// file (C#: row groups in parallel on every core; DuckDB: CREATE TABLE AS SELECT * FROM read_parquet) and prints
/// rows/s, MB/s (of logical value bytes) and the C#/DuckDB time ratios against the targets (read 1.5x, write 2x).
/// </summary>
internal static class ParquetBenchmark
{
    private const int BatchRows = 1 << 20;

    public static int Run(string[] args)
    {
        var rows = args.Length == 2 && args[0] == "--rows" ? long.Parse(args[1], CultureInfo.InvariantCulture) : args.Length == 0 ? 10_000_000 : -1;
        if (rows <= 0)
        {
            Console.Error.WriteLine("usage: parquet [--rows N]");
            return 2;
        }

        var dir = Directory.CreateTempSubdirectory("fs-parquet-bench-").FullName;
        try
        {
            Measure(rows, dir);
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void Measure(long rows, string dir)
    {
        WarmUp(dir);
        Console.WriteLine($"Parquet codec benchmark: {rows:N0} rows (int64 key, timestamp, 5 doubles, string, list<float>[8]), {Environment.ProcessorCount} cores");
        var batches = FeatureTable.Build(rows, BatchRows);
        var logicalMb = FeatureTable.LogicalBytes(batches) / 1e6;
        var csharpFile = Path.Combine(dir, "csharp.parquet");

        var write = Time(() => Write(csharpFile, batches));
        batches = null;
        GC.Collect();
        var read = Time(() => ReadParallel(csharpFile, rows));
        var duck = DuckDbSide.Run(rows, dir, csharpFile);
        var readDuckFile = Time(() => ReadParallel(Path.Combine(dir, "duckdb.parquet"), rows));

        Console.WriteLine($"logical data {logicalMb:N0} MB; files: C# {new FileInfo(csharpFile).Length / 1e6:N0} MB, DuckDB {duck.FileBytes / 1e6:N0} MB (DuckDB threads: {duck.Threads})");
        Report("write", rows, logicalMb, write, (duck.WriteSeconds, duck.WriteCpuSeconds), target: 2.0);
        Report("read", rows, logicalMb, read, (duck.ReadSeconds, duck.ReadCpuSeconds), target: 1.5);
        Console.WriteLine($"cross-check: C# reads DuckDB's file in {readDuckFile.Wall:F2} s; DuckDB reads C#'s file in {duck.AlsoReadSeconds:F2} s");
    }

    private static void Report(string operation, long rows, double logicalMb, (double Wall, double Cpu) csharp, (double Wall, double Cpu) duck, double target)
    {
        var ratio = csharp.Wall / duck.Wall;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{operation,-5}  C# {csharp.Wall,6:F2} s {rows / csharp.Wall / 1e6,6:F2} M rows/s {logicalMb / csharp.Wall,6:F0} MB/s | DuckDB {duck.Wall,6:F2} s {rows / duck.Wall / 1e6,6:F2} M rows/s {logicalMb / duck.Wall,6:F0} MB/s | C#/DuckDB {ratio:F2} (target <= {target:F1}: {(ratio <= target ? "met" : "MISSED")})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{operation + " cpu",-9}  C# {csharp.Cpu,6:F2} s | DuckDB {duck.Cpu,6:F2} s | C#/DuckDB {csharp.Cpu / duck.Cpu:F2} (CPU seconds, steadier than wall time on a shared machine)"));
    }

    private static void WarmUp(string dir)
    {
        var file = Path.Combine(dir, "warmup.parquet");
        Write(file, FeatureTable.Build(200_000, 50_000));
        ReadParallel(file, 200_000);
        File.Delete(file);
    }

    private static void Write(string path, IReadOnlyList<RecordBatch> batches)
    {
        using var writer = ParquetFileWriter.Create(path, FeatureTable.Schema, new ParquetWriteOptions { Compression = ParquetCompression.Snappy });
        foreach (var batch in batches)
        {
            writer.WriteBatch(batch);
        }
    }

    private static void ReadParallel(string path, long expectedRows)
    {
        using var reader = ParquetFileReader.Open(path);
        long total = 0;
        Parallel.For(0, reader.RowGroups.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, g =>
        {
            var batch = reader.ReadRowGroup(g);
            Interlocked.Add(ref total, batch.RowCount);
        });
        if (total != expectedRows)
        {
            throw new InvalidOperationException($"read {total} rows from {path}, expected {expectedRows}");
        }
    }

    /// <summary>Wall seconds and CPU seconds (all threads of this process, GC included) of one operation.</summary>
    private static (double Wall, double Cpu) Time(Action action)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        action();
        var wall = stopwatch.Elapsed.TotalSeconds;
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpu).TotalSeconds);
    }

    /// <summary>Runs tests/interop/bench.mjs and parses its JSON line.</summary>
    private static class DuckDbSide
    {
        public static (double WriteSeconds, double WriteCpuSeconds, double ReadSeconds, double ReadCpuSeconds, double AlsoReadSeconds, long FileBytes, int Threads) Run(long rows, string dir, string alsoFile)
        {
            var script = Path.Combine(RepoRoot(), "tests", "interop", "bench.mjs");
            var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { script, "--rows", rows.ToString(CultureInfo.InvariantCulture), "--dir", dir, "--also", alsoFile })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
            var stderr = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"node bench.mjs failed ({process.ExitCode}); run `npm ci --prefix tests/interop` first: {stderr.Result}");
            }

            var json = JsonNode.Parse(output)!;
            double Seconds(string name) => json[name]!.GetValue<double>();
            return (Seconds("writeSeconds"), Seconds("writeCpuSeconds"), Seconds("readSeconds"), Seconds("readCpuSeconds"), Seconds("alsoReadSeconds"),
                json["fileBytes"]!.GetValue<long>(), json["threads"]!.GetValue<int>());
        }

        private static string RepoRoot()
        {
            foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            {
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    if (File.Exists(Path.Combine(dir.FullName, "FeatureStore.sln")))
                    {
                        return dir.FullName;
                    }
                }
            }

            throw new InvalidOperationException("FeatureStore.sln not found above " + AppContext.BaseDirectory + " or the current directory");
        }
    }
}
