using System.Diagnostics;
using FeatureStore.Parquet.Tests.Interop;

namespace FeatureStore.OfflineServing.Tests;

/// <summary>Runs tests/interop-grpc/flight-client.mjs (grpc-js + apache-arrow); fails, never skips, when its packages are missing.</summary>
internal static class FlightNodeClient
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>The one JSON line the script printed.</summary>
    public static string Run(params string[] arguments)
    {
        var folder = Path.Combine(RepoPaths.Root, "tests", "interop-grpc");
        Assert.True(
            Directory.Exists(Path.Combine(folder, "node_modules", "apache-arrow")) && Directory.Exists(Path.Combine(folder, "node_modules", "@grpc", "grpc-js"))
                && Directory.Exists(Path.Combine(RepoPaths.InteropDir, "node_modules", "apache-arrow")),
            "tests/interop-grpc/node_modules or tests/interop/node_modules is missing: run the project's test script (it runs `npm ci` in both) before these tests.");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(folder, "flight-client.mjs"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"node flight-client.mjs {arguments[1]} did not finish within {Limit.TotalSeconds} s");
        }

        process.WaitForExit();
        Assert.True(process.ExitCode == 0 && stdout.Result.Trim().Length > 0, $"node flight-client.mjs {string.Join(' ', arguments)} exited {process.ExitCode}: {stderr.Result}{stdout.Result}");
        return stdout.Result.Trim().Split('\n')[^1];
    }
}
