using FeatureStore.Offline;
using FeatureStore.Offline.Memory;
using FeatureStore.Sdk;
using FeatureStore.Sdk.Offline;

namespace FeatureStore.Benchmarks.PitMatrix;

/// <summary>
/// The engine side of a pit-matrix cell. By default this program in <c>--engine-run</c> mode: the path
/// <c>featurestore get-historical-features</c> takes (open the repo's session and registry, resolve the features, join,
/// write Parquet and the manifest with source fingerprints), in a fresh process; with <c>--cli DLL</c> the CLI itself.
/// </summary>
internal static class PitMatrixEngineRun
{
    public const string Flag = "--engine-run";

    /// <summary><c>pit-matrix --engine-run REPO SPINE OUTPUT FEATURES MEMORY_BUDGET</c>.</summary>
    public static int Run(string[] args)
    {
        TransparentHugePages.AdviseGcHeap();
        if (args.Length != 5)
            throw new ArgumentException($"pit-matrix {Flag} REPO SPINE OUTPUT FEATURES MEMORY_BUDGET: got {args.Length} arguments");
        RunAsync(args[0], args[1], args[2], args[3].Split(','), MemorySize.Parse(args[4])).GetAwaiter().GetResult();
        return 0;
    }

    /// <summary>The command that builds the cell's training set into <paramref name="output"/>.</summary>
    public static (string Program, string[] Arguments) Command(string? cliDll, string repo, string spine, string output, PitMatrixCell cell, string memoryBudget)
    {
        var features = PitMatrixData.FeatureReferences(cell);
        return cliDll is null
            ? PitMatrixMeasure.Self(["pit-matrix", Flag, repo, spine, output, features, memoryBudget])
            : ("dotnet", [cliDll, "--repo", repo, "get-historical-features", "--spine", spine, "--features", features, "--output", output, "--memory-budget", memoryBudget]);
    }

    private static async Task RunAsync(string repo, string spine, string output, IReadOnlyList<string> features, long memoryBudget)
    {
        await using var store = await FeatureStoreSession.OpenAsync(repo);
        var job = store.GetHistoricalFeatures(Spine.FromFile(spine), features, new HistoricalFeatureOptions { MemoryBudgetBytes = memoryBudget });
        var manifest = await job.WriteAsync(output);
        Console.WriteLine($"wrote {output}: {manifest.OutputRows} rows");
    }
}
