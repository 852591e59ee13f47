using System.Diagnostics;
using System.Globalization;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Materialization.Tests;

/// <summary>
/// kill -9 of a <c>featurestore materialize</c> child process at random moments across its entity partitions, then a
/// re-run of the same command: it marks the killed runs abandoned, resumes after the partitions they made durable, and
/// the online store ends with the same values as a clean run's for every key.
/// </summary>
public sealed class KillAndRerunTests
{
    private static readonly DateTimeOffset D = TestRepo.Day0;

    [Theory]
    [InlineData("sqlite", 11)]
    [InlineData("redis", 12)]
    public async Task Killed_runs_then_a_rerun_leave_the_same_online_state_as_a_clean_run(string store, int seed)
    {
        const int Drivers = 300;
        await using var repo = new TestRepo(store);
        await using var clean = new TestRepo("sqlite");
        var random = new Random(seed);
        var rows = Enumerable.Range(0, 20 * Drivers * 3).Select(i => new HistoryRow(
            1 + (i % Drivers), D.AddMinutes(random.Next(0, 20 * 24 * 60)), D.AddDays(21).AddSeconds(random.Next(1000)), random.NextSingle(), i)).ToArray();
        repo.AddFile(rows);
        clean.AddFile(rows);
        await repo.ApplyAsync();
        await clean.ApplyAsync();
        string[] args = ["--repo", repo.Dir, "materialize", "2026-01-01", "2026-01-21T00:00:00Z", "--views", "driver_stats", "--max-rows-per-second", "60",
            "--entities-per-partition", "20"];

        var kills = 0;
        var durablePartitions = false;  // a killed run since the last completed one finished a partition
        var killedWithRecord = 0;        // killed after writing its run record (it printed its plan)
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var child = Start(args);
            var childError = child.StandardError.ReadToEndAsync();
            var childOutput = child.StandardOutput.ReadToEndAsync();
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(700, 3500)));
            var killed = !child.HasExited;
            if (killed)
            {
                child.Kill(entireProcessTree: true);
                kills++;
            }

            await child.WaitForExitAsync();
            Assert.True(child.ExitCode is 0 or 137 or -1, $"child failed with {child.ExitCode}: {await childError} {await childOutput}");
            durablePartitions = killed && (durablePartitions || (await childOutput).Contains("driver_stats: partition ", StringComparison.Ordinal));
            if (killed && (await childOutput).Contains("driver_stats: 18000 rows read", StringComparison.Ordinal))
                killedWithRecord++;
        }

        using var rerun = Start(args);
        var output = rerun.StandardOutput.ReadToEndAsync();
        var error = rerun.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90)))
            await rerun.WaitForExitAsync(timeout.Token);
        Assert.True(rerun.ExitCode == 0, $"re-run failed: {await error}\n{await output}");
        Assert.Equal(durablePartitions, (await output).Contains("driver_stats: resuming: ", StringComparison.Ordinal));
        await using (var registry = await repo.OpenRegistryAsync())
        {
            var runs = await registry.GetRunsAsync(repo.Project);
            Assert.DoesNotContain(runs, r => r.Status == MaterializationRunStatus.Running);
            var abandoned = runs.Count(r => r.Status == MaterializationRunStatus.Abandoned && r.Error!.Contains(" is gone ", StringComparison.Ordinal));
            Assert.InRange(abandoned, killedWithRecord, kills);
        }

        var cleanRun = await clean.MaterializerAsync();
        await cleanRun.MaterializeAsync(D, new DateTimeOffset(2026, 1, 21, 0, 0, 0, TimeSpan.Zero), ["driver_stats"]);
        var expected = await clean.DumpAsync("driver_stats", Drivers);
        Assert.Equal(expected, await repo.DumpAsync("driver_stats", Drivers));
        Assert.True(kills > 0, "no child was killed mid-run; the test proved nothing");
    }

    private static Process Start(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "featurestore.dll"));
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        info.Environment["FEATURESTORE_TEST_REDIS"] = Environment.GetEnvironmentVariable("FEATURESTORE_TEST_REDIS") ?? "";
        return Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet " + string.Join(' ', args.Select(a => a.ToString(CultureInfo.InvariantCulture))));
    }
}
