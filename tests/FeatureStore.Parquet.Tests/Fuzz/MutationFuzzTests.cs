using System.Diagnostics;
using Xunit.Abstractions;
using FeatureStore.Parquet.Tests.Interop;

namespace FeatureStore.Parquet.Tests.Fuzz;

/// <summary>
/// Thousands of seeded random corruptions of valid files (C# writer, DuckDB, parquet-wasm): every read must either succeed
/// or throw <see cref="ParquetException"/>, within a time bound, with allocations capped by MaxAllocationBytes.
/// Up to 1500 mutants per seed file, cut short by a 45 s budget on a slow machine; a failure prints file, seed and mutation.
/// </summary>
public sealed class MutationFuzzTests(SmallGeneratedFilesFixture generated, ITestOutputHelper log) : IClassFixture<SmallGeneratedFilesFixture>
{
    private const int Seed = 20261122;
    private const int MutationsPerFile = 1500;
    private static readonly TimeSpan PerReadLimit = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(45);
    private static readonly ParquetReadOptions SmallLimits = new() { MaxAllocationBytes = 4 << 20 };

    [Fact]
    public void CorruptedFilesFailOnlyWithParquetExceptionAndInBoundedTime()
    {
        var failures = new List<string>();
        var outcomes = new Dictionary<string, int>();
        var path = Path.Combine(generated.Directory, "mutant.parquet");
        var seeds = SeedFiles().ToList();
        var stopwatch = Stopwatch.StartNew();

        // Round-robin over the seed files so that, if the time budget ends the run early on a slow machine, every file got its share.
        for (var i = 0; i < MutationsPerFile && failures.Count < 20 && stopwatch.Elapsed < Budget; i++)
        {
            foreach (var (name, original) in seeds)
            {
                var seed = Seed + i;
                var mutation = Mutation.Random(original, new Random(seed));
                File.WriteAllBytes(path, mutation.Bytes);
                var outcome = ReadFully(path, out var error);
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
                if (error is not null)
                {
                    failures.Add($"{name} seed {seed} ({mutation.Description}): {error}");
                }
            }
        }

        log.WriteLine($"{outcomes.Values.Sum()} mutants in {stopwatch.Elapsed.TotalSeconds:F1} s: " + string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}")));
        Assert.True(failures.Count == 0, $"{failures.Count} bad outcomes:\n" + string.Join("\n", failures));
        Assert.True(outcomes.GetValueOrDefault("ParquetException") > 0, "no mutation was detected as corrupt: the fuzzer is not reaching the reader");
        Assert.True(outcomes.Values.Sum() >= 1000, $"only {outcomes.Values.Sum()} mutants ran within the {Budget.TotalSeconds} s budget");
    }

    private IEnumerable<(string Name, byte[] Bytes)> SeedFiles()
    {
        foreach (var file in new[] { "duckdb_snappy_v1_dict.parquet", "duckdb_zstd_v2_plain.parquet", "wasm_delta_snappy_v2.parquet", "wasm_smallpages_snappy_v1.parquet" })
        {
            yield return (file, File.ReadAllBytes(generated.PathOf(file)));
        }

        foreach (var configuration in new[] { "snappy_dict_v1", "gzip_plain_v2" })
        {
            using var stream = new MemoryStream();
            using (var writer = ParquetFileWriter.Create(stream, WriterSamples.Schema, WrittenFilesFixture.Options(configuration), leaveOpen: true))
            {
                writer.WriteBatch(WriterSamples.Batch(300));
            }

            yield return ($"csharp_{configuration}.parquet", stream.ToArray());
        }
    }

    /// <summary>Opens and decodes every row group; returns the outcome name and, for a bad outcome, what went wrong.</summary>
    private static string ReadFully(string path, out string? error)
    {
        var read = Task.Run(() =>
        {
            using var reader = ParquetFileReader.Open(path, SmallLimits);
            for (var g = 0; g < reader.RowGroups.Count; g++)
            {
                var batch = reader.ReadRowGroup(g);
                for (var c = 0; c < batch.Columns.Count; c++)
                {
                    _ = batch.Columns[c].NullCount;
                }
            }
        });
        try
        {
            if (!read.Wait(PerReadLimit))
            {
                error = $"read did not finish within {PerReadLimit.TotalSeconds} s";
                return "timeout";
            }

            error = null;
            return "success";
        }
        catch (AggregateException e) when (e.InnerException is ParquetException)
        {
            error = null;
            return "ParquetException";
        }
        catch (AggregateException e)
        {
            var inner = e.InnerException!;
            error = $"{inner.GetType().FullName}: {inner.Message} at {inner.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}";
            return inner.GetType().Name;
        }
    }
}
