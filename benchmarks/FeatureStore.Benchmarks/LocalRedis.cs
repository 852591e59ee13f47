using System.Diagnostics;
using StackExchange.Redis;

namespace FeatureStore.Benchmarks;

/// <summary>A throwaway Redis started with <c>deploy/redis.sh start DIR</c> (found above the working directory) and stopped on dispose.</summary>
internal sealed class LocalRedis : IDisposable
{
    private readonly string script;
    private readonly string dir;

    private LocalRedis(string script, string dir, string address)
    {
        this.script = script;
        this.dir = dir;
        Address = address;
    }

    public string Address { get; }

    public static LocalRedis Start()
    {
        var script = FindScript();
        var dir = Path.Combine(Path.GetTempPath(), "fs-serving-bench-redis-" + Environment.ProcessId);
        var address = RunScript(script, "start", dir).Trim();
        return new LocalRedis(script, dir, address);
    }

    public void Dispose() => RunScript(script, "stop", dir);

    /// <summary>Removes a benchmark's own keys, those matching <paramref name="pattern"/> (never the rest of the database).</summary>
    public static async Task DeleteKeysAsync(IServer server, IDatabase db, string pattern)
    {
        foreach (var keys in server.Keys(pattern: pattern, pageSize: 5000).Chunk(5000))
            await db.KeyDeleteAsync(keys);
    }

    private static string RunScript(string script, string command, string dir)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", [script, command, dir]) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{script} {command} {dir} exited with {process.ExitCode}");
        return output;
    }

    private static string FindScript()
    {
        for (var d = new DirectoryInfo(Environment.CurrentDirectory); d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "deploy", "redis.sh");
            if (File.Exists(candidate))
                return candidate;
        }

        throw new InvalidOperationException($"deploy/redis.sh not found above {Environment.CurrentDirectory}; pass --redis HOST:PORT");
    }
}
