using System.Diagnostics;
using System.Globalization;
using FeatureStore.Parquet;
using Net = global::Parquet;

namespace FeatureStore.Benchmarks;

/// <summary>
/// <c>parquet-net [--rows N]</c>: the C# writer and reader against Parquet.Net 6.1.0 on the feature table, in one run.
/// Two settings, both snappy with 1M-row row groups: dictionary encoding off on both sides, then the C# writer's defaults
/// (dictionary on) against Parquet.Net with dictionary encoding asked for on its string column (the only type it
/// dictionary-encodes). Per setting: each writer writes the table (C# also with 1 thread), then each reader fully decodes
/// both files, row groups in parallel; wall and process CPU seconds, file sizes and the C#/Parquet.Net ratios.
/// </summary>
internal static class ParquetNetBenchmark
{
    private const int BatchRows = 1 << 20;

    public static int Run(string[] args)
    {
        var rows = args.Length == 2 && args[0] == "--rows" && long.TryParse(args[1], CultureInfo.InvariantCulture, out var n) && n > 0 ? n
            : args.Length == 0 ? 2_000_000 : -1;
        if (rows <= 0)
        {
            Console.Error.WriteLine("usage: parquet-net [--rows N]   (default 2000000)");
            return 2;
        }

        var dir = Directory.CreateTempSubdirectory("fs-parquet-net-bench-").FullName;
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
        Console.WriteLine($"Parquet.Net benchmark: {rows:N0} rows (int64 key, timestamp, 5 doubles, string, list<float>[8]), snappy, row groups of {BatchRows:N0} rows, {Environment.ProcessorCount} cores");
        var batches = FeatureTable.Build(rows, BatchRows);
        var netTable = new ParquetNetFeatureTable(batches);
        var expectedKeySum = rows * (rows - 1) / 2;
        Console.WriteLine($"logical data {FeatureTable.LogicalBytes(batches) / 1e6:N0} MB; both writers get it in their own in-memory form, converted before timing");
        WarmUp(dir);

        RunSetting(
            "dictionary encoding off on both sides",
            new ParquetWriteOptions { Compression = ParquetCompression.Snappy, DictionaryEncoding = false },
            new Net.ParquetOptions { CompressionMethod = Net.CompressionMethod.Snappy },
            batches, netTable, rows, expectedKeySum, dir);

        var netDictionary = new Net.ParquetOptions { CompressionMethod = Net.CompressionMethod.Snappy };
        netDictionary.ColumnEncodingHints[netTable.DictionaryColumn] = Net.EncodingHint.Dictionary;
        RunSetting(
            $"C# writer defaults (dictionary on) | Parquet.Net dictionary on '{netTable.DictionaryColumn}'",
            new ParquetWriteOptions { Compression = ParquetCompression.Snappy },
            netDictionary,
            batches, netTable, rows, expectedKeySum, dir);
    }

    private static void RunSetting(
        string title, ParquetWriteOptions csharpOptions, Net.ParquetOptions netOptions, IReadOnlyList<RecordBatch> batches,
        ParquetNetFeatureTable netTable, long rows, long expectedKeySum, string dir)
    {
        Console.WriteLine($"== {title} ==");
        var csharpFile = Path.Combine(dir, "csharp.parquet");
        var netFile = Path.Combine(dir, "parquet-net.parquet");
        var write = Time(() => Write(csharpFile, batches, csharpOptions));
        var oneThreadFile = Path.Combine(dir, "csharp-1-thread.parquet");
        var writeOneThread = Time(() => Write(oneThreadFile, batches, csharpOptions with { MaxDegreeOfParallelism = 1 }));
        File.Delete(oneThreadFile);
        var writeNet = Time(() => netTable.WriteAsync(netFile, netOptions).GetAwaiter().GetResult());
        Report("write", $"C# ({csharpOptions.MaxDegreeOfParallelism} threads)", write, "Parquet.Net", writeNet);
        Report("write", "C# (1 thread)", writeOneThread, "Parquet.Net", writeNet);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"files: C# {new FileInfo(csharpFile).Length / 1e6:N1} MB, Parquet.Net {new FileInfo(netFile).Length / 1e6:N1} MB"));

        foreach (var (name, file) in new[] { ("C#", csharpFile), ("Parquet.Net", netFile) })
        {
            var read = Time(() => ReadWithCSharp(file, rows, expectedKeySum));
            var readNet = Time(() => ReadWithParquetNet(file, rows, expectedKeySum));
            Report($"read {name}'s file", "C# reader", read, "Parquet.Net reader", readNet);
        }
    }

    private static void Report(string operation, string csharpName, (double Wall, double Cpu) csharp, string netName, (double Wall, double Cpu) net) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{operation,-28} {csharpName,-18} {csharp.Wall,7:F3} s wall {csharp.Cpu,7:F3} s cpu | {netName,-18} {net.Wall,7:F3} s wall {net.Cpu,7:F3} s cpu | C#/Parquet.Net wall {csharp.Wall / net.Wall:F2} cpu {csharp.Cpu / net.Cpu:F2}"));

    private static void WarmUp(string dir)
    {
        var batches = FeatureTable.Build(100_000, 50_000);
        var file = Path.Combine(dir, "warmup.parquet");
        Write(file, batches, new ParquetWriteOptions());
        ReadWithCSharp(file, 100_000, 100_000L * 99_999 / 2);
        ReadWithParquetNet(file, 100_000, 100_000L * 99_999 / 2);
        new ParquetNetFeatureTable(batches).WriteAsync(file, new Net.ParquetOptions()).GetAwaiter().GetResult();
        ReadWithParquetNet(file, 100_000, 100_000L * 99_999 / 2);
        File.Delete(file);
    }

    private static void Write(string path, IReadOnlyList<RecordBatch> batches, ParquetWriteOptions options)
    {
        using var writer = ParquetFileWriter.Create(path, FeatureTable.Schema, options);
        foreach (var batch in batches)
        {
            writer.WriteBatch(batch);
        }
    }

    private static void ReadWithCSharp(string path, long expectedRows, long expectedKeySum)
    {
        using var reader = ParquetFileReader.Open(path);
        long total = 0;
        long keySum = 0;
        Parallel.For(0, reader.RowGroups.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, g =>
        {
            var batch = reader.ReadRowGroup(g);
            Interlocked.Add(ref total, batch.RowCount);
            Interlocked.Add(ref keySum, Sum(((Int64Column)batch["entity_id"]).Span));
        });
        Check("C# reader", path, total, keySum, expectedRows, expectedKeySum);
    }

    private static void ReadWithParquetNet(string path, long expectedRows, long expectedKeySum)
    {
        var rowGroups = ParquetNetFeatureTable.RowGroupCountAsync(path).GetAwaiter().GetResult();
        long total = 0;
        long keySum = 0;
        Parallel.For(0, rowGroups, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, g =>
        {
            var (groupRows, groupKeySum) = ParquetNetFeatureTable.ReadRowGroupAsync(path, g).GetAwaiter().GetResult();
            Interlocked.Add(ref total, groupRows);
            Interlocked.Add(ref keySum, groupKeySum);
        });
        Check("Parquet.Net reader", path, total, keySum, expectedRows, expectedKeySum);
    }

    private static long Sum(ReadOnlySpan<long> values)
    {
        long sum = 0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum;
    }

    private static void Check(string reader, string path, long rows, long keySum, long expectedRows, long expectedKeySum)
    {
        if (rows != expectedRows || keySum != expectedKeySum)
        {
            throw new InvalidOperationException($"{reader} read {rows} rows (entity_id sum {keySum}) from {path}, expected {expectedRows} ({expectedKeySum})");
        }
    }

    /// <summary>Wall seconds and CPU seconds (all threads of this process, GC included) of one operation, after a full GC.</summary>
    private static (double Wall, double Cpu) Time(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        action();
        var wall = stopwatch.Elapsed.TotalSeconds;
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpu).TotalSeconds);
    }
}
