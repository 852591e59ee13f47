using System.Diagnostics;

namespace FeatureStore.Offline.Tests;

/// <summary>Parquet files written by DuckDB itself (tests/interop/copy.mjs), for sources as other tools produce them.</summary>
internal static class DuckDbFiles
{
    /// <summary>Writes the result of <paramref name="query"/> (DuckDB SQL, session time zone UTC) to <paramref name="path"/>.</summary>
    public static string Write(string path, string query)
    {
        var modules = Path.Combine(RepoPaths.InteropDir, "node_modules", "@duckdb", "node-api");
        if (!Directory.Exists(modules))
        {
            throw new InvalidOperationException($"DuckDB for node is not installed: run 'npm ci --prefix tests/interop' ({modules} missing)");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var start = new ProcessStartInfo("node", [Path.Combine(RepoPaths.InteropDir, "copy.mjs"), path, query])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = RepoPaths.InteropDir,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"copy.mjs failed ({process.ExitCode}): {stderr.Result}");
        }

        return path;
    }
}
