using FeatureStore.Benchmarks;
using FeatureStore.Benchmarks.PitMatrix;
using FeatureStore.Benchmarks.Streaming;

// Benchmarks are programs that print figures: `dotnet run -c Release --project benchmarks/FeatureStore.Benchmarks -- <benchmark> [options]`.
var benchmarks = new Dictionary<string, Func<string[], int>>(StringComparer.Ordinal)
{
    ["parquet"] = ParquetBenchmark.Run,
    ["parquet-net"] = ParquetNetBenchmark.Run,
    ["pit"] = PitBenchmark.Run,
    ["pit-matrix"] = PitMatrixBenchmark.Run,
    ["materialize"] = MaterializeBenchmark.Run,
    ["materialize-matrix"] = MaterializeMatrixBenchmark.Run,
    ["serving"] = ServingBenchmark.Run,
    ["streaming"] = StreamingBenchmark.Run,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: dotnet run -c Release --project benchmarks/FeatureStore.Benchmarks -- <{string.Join("|", benchmarks.Keys)}> [options]");
    return 2;
}

return run(args[1..]);
