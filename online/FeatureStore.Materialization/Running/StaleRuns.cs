using System.Diagnostics;
using System.Globalization;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Materialization.Running;

/// <summary>
/// Marks the project's run records that say "running" but whose process is gone as abandoned, with the reason. Gone
/// means: recorded on this host and no process with that id exists, or no heartbeat for longer than
/// <see cref="MaterializerOptions.StaleAfter"/> (a live run heartbeats every <see cref="MaterializerOptions.HeartbeatInterval"/>).
/// A record of this very process is left alone (it may be a concurrent run in the same process).
/// </summary>
internal static class StaleRuns
{
    public static async Task<int> MarkAbandonedAsync(IRegistryStore registry, string project, MaterializerOptions options, CancellationToken ct)
    {
        var now = options.Clock.GetUtcNow();
        var host = Environment.MachineName;
        var marked = 0;
        foreach (var run in await registry.GetRunningRunsAsync(project, ct).ConfigureAwait(false))
        {
            if (run.Host == host && run.ProcessId == Environment.ProcessId)
                continue;
            var lastSign = run.HeartbeatAt ?? run.StartedAt + run.Duration;
            string? reason = null;
            if (run.Host == host && run.ProcessId is { } pid && !IsAlive(pid))
                reason = $"abandoned: process {pid} on {host} is gone (last heartbeat {Format(lastSign)})";
            else if (now - lastSign > options.StaleAfter)
                reason = $"abandoned: no heartbeat from {(run.Host is null ? "an unknown host" : $"process {run.ProcessId} on {run.Host}")} " +
                         $"since {Format(lastSign)} (over {options.StaleAfter.TotalMinutes:0.#} min)";
            if (reason is not null && await registry.MarkRunAbandonedAsync(project, run.RunId, run.View, reason, ct).ConfigureAwait(false))
                marked++;
        }

        return marked;
    }

    private static bool IsAlive(int pid)
    {
        // A killed process whose parent has not reaped it yet is a zombie: gone, though its pid still answers.
        var stat = $"/proc/{pid}/stat";
        try
        {
            if (File.Exists(stat) && File.ReadAllText(stat) is var text && text.LastIndexOf(')') is var close and > 0 && text.Length > close + 2 && text[close + 2] == 'Z')
                return false;
        }
        catch (IOException)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
