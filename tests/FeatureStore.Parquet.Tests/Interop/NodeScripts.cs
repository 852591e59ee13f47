using System.Diagnostics;

namespace FeatureStore.Parquet.Tests.Interop;

/// <summary>Runs the Node scripts of tests/interop (DuckDB and parquet-wasm); fails, never skips, when they are not installed.</summary>
internal static class NodeScripts
{
    public static void Run(TimeSpan timeout, string script, params string[] arguments)
    {
        var modules = Path.Combine(RepoPaths.InteropDir, "node_modules", "@duckdb", "node-api");
        Assert.True(
            Directory.Exists(modules) && Directory.Exists(Path.Combine(RepoPaths.InteropDir, "node_modules", "parquet-wasm")),
            $"tests/interop/node_modules is missing: run the project's test script (it runs `npm ci --prefix tests/interop`) before these tests.");

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepoPaths.InteropDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(RepoPaths.InteropDir, script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"node {script} did not finish within {timeout.TotalSeconds} s");
        }

        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"node {script} {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr.Result}{stdout.Result}");
    }
}
