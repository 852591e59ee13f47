using System.Diagnostics;
using FeatureStore.Cli;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Materialization.Tests;

/// <summary>Run records left "running" by a dead process are marked abandoned, with the reason, by the next run of the project.</summary>
public sealed class AbandonedRunTests
{
    private static readonly DateTimeOffset D = TestRepo.Day0;

    [Fact]
    public async Task The_next_run_marks_dead_runs_abandoned_and_leaves_live_ones_running()
    {
        await using var repo = new TestRepo("sqlite");
        repo.AddMinutelyRows(3);
        await repo.ApplyAsync();
        var deadPid = await ExitedProcessIdAsync();
        var now = repo.Clock.GetUtcNow();
        await using (var registry = await repo.OpenRegistryAsync())
        {
            // Same host, process gone; another host silent for an hour; another host that heartbeat a minute ago.
            await registry.RecordRunAsync(repo.Project, Running("dead-pid", Environment.MachineName, deadPid, now.AddMinutes(-1)));
            await registry.RecordRunAsync(repo.Project, Running("silent", "other-host", 42, now.AddHours(-1)));
            await registry.RecordRunAsync(repo.Project, Running("alive", "other-host", 43, now.AddMinutes(-1)));
        }

        var materializer = await repo.MaterializerAsync();
        await materializer.MaterializeAsync(D, D.AddDays(1), ["driver_stats"]);

        await using var after = await repo.OpenRegistryAsync();
        var runs = (await after.GetRunsAsync(repo.Project)).ToDictionary(r => r.RunId);
        Assert.Equal(MaterializationRunStatus.Abandoned, runs["dead-pid"].Status);
        Assert.Equal($"abandoned: process {deadPid} on {Environment.MachineName} is gone (last heartbeat {now.AddMinutes(-1):yyyy-MM-dd'T'HH:mm:ss'Z'})", runs["dead-pid"].Error);
        Assert.Equal(MaterializationRunStatus.Abandoned, runs["silent"].Status);
        Assert.Equal($"abandoned: no heartbeat from process 42 on other-host since {now.AddHours(-1):yyyy-MM-dd'T'HH:mm:ss'Z'} (over 5 min)", runs["silent"].Error);
        Assert.Equal(MaterializationRunStatus.Running, runs["alive"].Status);
        var own = Assert.Single(runs.Values, r => r.Status == MaterializationRunStatus.Succeeded);
        Assert.Equal((Environment.MachineName, Environment.ProcessId), (own.Host, own.ProcessId));
        Assert.NotNull(own.HeartbeatAt);

        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(0, await CliApp.RunAsync(["--repo", repo.Dir, "materialization-runs"], output, error, CancellationToken.None));
        Assert.Contains(" abandoned ", Assert.Single(output.ToString().Split('\n'), l => l.StartsWith("dead-pid ", StringComparison.Ordinal) && !l.Contains(':', StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains($"dead-pid driver_stats: abandoned: process {deadPid}", output.ToString(), StringComparison.Ordinal);
    }

    private static MaterializationRunRecord Running(string id, string host, int pid, DateTimeOffset heartbeat) =>
        new(id, "driver_stats", MaterializationRunStatus.Running, heartbeat.AddMinutes(-5), TimeSpan.FromMinutes(5), D, D.AddDays(1),
            10, 5, 0, 0, 0, null, null, host, pid, heartbeat);

    private static async Task<int> ExitedProcessIdAsync()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        var pid = process.Id;
        await process.WaitForExitAsync();
        return pid;
    }
}
