using System.Diagnostics;
using FeatureStore.Parquet.Tests.Fuzz;
using FeatureStore.Parquet.Tests.Interop;
using Xunit.Abstractions;

namespace FeatureStore.Cli.Tests;

/// <summary>
/// The codec's mutation fuzzer pointed at the CLI's printing paths: <c>parquet schema</c>, <c>head</c> (table, csv, json) and
/// <c>stats</c> over seeded random corruptions of DuckDB, arrow-rs and out-of-range-timestamp files. Every run must end
/// with exit code 0, or 1 and exactly one "error: " line; an exception escaping the CLI (a crash, exit 134) or a run over
/// 10 s fails the test with the file, seed and mutation so it can be replayed.
/// </summary>
public sealed class ParquetCommandFuzzTests(ITestOutputHelper log) : IDisposable
{
    private const int Seed = 20261205;
    private const int MutationsPerFile = 400;
    private static readonly TimeSpan PerRunLimit = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(40);
    private static readonly string[][] Commands =
    [
        ["parquet", "schema"],
        ["parquet", "head", "-n", "50"],
        ["parquet", "head", "-n", "5", "--format", "csv"],
        ["parquet", "head", "-n", "5", "--format", "json"],
        ["parquet", "stats"],
    ];

    private readonly string _directory = Directory.CreateTempSubdirectory("fs-cli-parquet-fuzz-").FullName;

    [Fact]
    public async Task Corrupted_files_end_every_parquet_command_with_exit_0_or_one_error_line()
    {
        var seeds = SeedFiles();
        var path = Path.Combine(_directory, "mutant.parquet");
        var failures = new List<string>();
        var exits = new Dictionary<int, int>();
        var mutants = 0;
        var stopwatch = Stopwatch.StartNew();

        // Round-robin over the seed files, so that if the budget ends the run early every file got its share.
        for (var i = 0; i < MutationsPerFile && failures.Count < 20 && stopwatch.Elapsed < Budget; i++)
        {
            foreach (var (name, original) in seeds)
            {
                var seed = Seed + i;
                var mutation = Mutation.Random(original, new Random(seed));
                await File.WriteAllBytesAsync(path, mutation.Bytes);
                mutants++;
                foreach (var command in Commands)
                {
                    var (exit, problem) = await RunAsync([.. command, path]);
                    exits[exit] = exits.GetValueOrDefault(exit) + 1;
                    if (problem is not null)
                    {
                        failures.Add($"{name} seed {seed} ({mutation.Description}), {string.Join(' ', command)}: {problem}");
                    }
                }
            }
        }

        log.WriteLine($"{mutants} mutants x {Commands.Length} commands in {stopwatch.Elapsed.TotalSeconds:F1} s; exit codes: " + string.Join(", ", exits.Select(e => $"{e.Key}: {e.Value}")));
        Assert.True(failures.Count == 0, $"{failures.Count} bad outcomes:\n" + string.Join("\n", failures));
        Assert.True(exits.GetValueOrDefault(1) > 0 && exits.GetValueOrDefault(0) > 0, "the mutants were all rejected or all accepted: the fuzzer is not reaching the printing paths");
        Assert.True(mutants >= 600, $"only {mutants} mutants ran within the {Budget.TotalSeconds} s budget");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Runs the CLI in-process; returns its exit code and, for a bad outcome, what went wrong.</summary>
    private static async Task<(int Exit, string? Problem)> RunAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var run = Task.Run(() => CliApp.RunAsync(args, output, error));
        if (await Task.WhenAny(run, Task.Delay(PerRunLimit)) != run)
        {
            return (-1, $"did not finish within {PerRunLimit.TotalSeconds} s");
        }

        int exit;
        try
        {
            exit = await run;
        }
        catch (Exception e)
        {
            return (-2, $"crash: {e.GetType().FullName}: {e.Message} at {e.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}");
        }

        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return exit switch
        {
            0 when lines.Length == 0 => (0, null),
            1 when lines.Length == 1 && lines[0].StartsWith("error: ", StringComparison.Ordinal) => (1, null),
            _ => (exit, $"exit code {exit} with stderr: {error}"),
        };
    }

    /// <summary>Small DuckDB and arrow-rs files of every type (tests/interop/generate.mjs) and a DuckDB file of extreme dates and timestamps.</summary>
    private List<(string Name, byte[] Bytes)> SeedFiles()
    {
        var generated = Path.Combine(_directory, "generated");
        NodeScripts.Run(TimeSpan.FromSeconds(120), "generate.mjs", generated, "--rows", "200");
        var extreme = Path.Combine(_directory, "extreme.parquet");
        NodeScripts.Run(TimeSpan.FromSeconds(60), "copy.mjs", extreme,
            "SELECT i AS id, CASE i % 3 WHEN 0 THEN TIMESTAMP '294247-01-10 04:00:54.775806' WHEN 1 THEN TIMESTAMP '290309-12-22 (BC) 00:00:00' "
            + "ELSE TIMESTAMP '2024-01-02 03:04:05' + to_microseconds(i) END AS ts, DATE '5877642-06-25' - i::INTEGER AS d, "
            + "make_timestamp_ns(9223372036854775000 - i) AS ts_ns, CAST(TIMESTAMP '0001-01-01 00:00:00' AS TIMESTAMP_MS) AS ts_ms FROM range(100) r(i)");
        return
        [
            .. new[] { "duckdb_snappy_v1_dict.parquet", "duckdb_zstd_v2_plain.parquet", "duckdb_gzip_v1_plain.parquet", "wasm_delta_snappy_v2.parquet", "wasm_smallpages_snappy_v1.parquet" }
                .Select(file => (file, File.ReadAllBytes(Path.Combine(generated, file)))),
            ("extreme.parquet", File.ReadAllBytes(extreme)),
        ];
    }
}
