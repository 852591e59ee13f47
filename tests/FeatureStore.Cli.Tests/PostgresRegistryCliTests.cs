namespace FeatureStore.Cli.Tests;

/// <summary>The CLI against a shared PostgreSQL registry: applies from separate processes, unreachable servers.</summary>
public sealed class PostgresRegistryCliTests : IDisposable
{
    private readonly TempRepo _scratch = new();

    public void Dispose() => _scratch.Dispose();

    /// <summary>Makes a sample repo at DIR whose registry is the given PostgreSQL database.</summary>
    private static async Task<string> PostgresRepoAsync(string dir, string connectionString)
    {
        Assert.Equal(0, (await CliRunner.RunAsync("init", dir)).ExitCode);
        var config = Path.Combine(dir, "featurestore.yaml");
        var text = await File.ReadAllTextAsync(config);
        text = text.Replace("  type: sqlite\n  path: .featurestore/registry.db\n", $"  type: postgres\n  connection_string: \"{connectionString}\"\n", StringComparison.Ordinal);
        Assert.Contains("postgres", text);
        await File.WriteAllTextAsync(config, text);
        return dir;
    }

    [Fact]
    public async Task Plan_and_apply_work_against_postgres()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var repo = await PostgresRepoAsync(Path.Combine(_scratch.Root, "pg"), database.ConnectionString);

        var apply = await CliRunner.RunAsync("apply", "--repo", repo);
        Assert.True(apply.ExitCode == 0, apply.Error);

        var list = await CliRunner.RunAsync("list", "feature-views", "--repo", repo);
        Assert.Contains("driver_hourly_stats", list.Output);
        Assert.Contains("nothing to apply", (await CliRunner.RunAsync("apply", "--repo", repo)).Output);
    }

    [Fact]
    public async Task Two_processes_applying_at_once_lose_no_update()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        var first = await PostgresRepoAsync(Path.Combine(_scratch.Root, "first"), database.ConnectionString);
        var second = await PostgresRepoAsync(Path.Combine(_scratch.Root, "second"), database.ConnectionString);
        Assert.Equal(0, (await CliRunner.RunAsync("apply", "--repo", first)).ExitCode);

        for (var round = 1; round <= 3; round++)
        {
            // Each repo adds a view the other does not know about. A registry that rewrites its whole
            // state on apply (last writer wins) would drop one of them; ours must keep both.
            AddView(first, $"first_view_{round}");
            AddView(second, $"second_view_{round}");

            var racing = new[] { CliRunner.StartProcess("apply", "--repo", first), CliRunner.StartProcess("apply", "--repo", second) };
            var results = await Task.WhenAll(racing.Select(CliRunner.WaitAsync));
            foreach (var (result, repo) in results.Zip(new[] { first, second }))
            {
                if (result.ExitCode != 0)
                {
                    // The loser must be told it lost, in one line, and a re-run must succeed.
                    Assert.Contains("conflict", result.Error, StringComparison.OrdinalIgnoreCase);
                    Assert.Single(result.ErrorLines);
                    var retry = await CliRunner.RunAsync("apply", "--repo", repo);
                    Assert.True(retry.ExitCode == 0, retry.Error);
                }
            }

            var views = (await CliRunner.RunAsync("list", "feature-views", "--repo", first)).Output;
            for (var earlier = 1; earlier <= round; earlier++)
            {
                Assert.Contains($"first_view_{earlier}", views);
                Assert.Contains($"second_view_{earlier}", views);
            }
        }

        // Every apply is in the history once: the first one plus two per round, each with its own revision.
        var history = (await CliRunner.RunAsync("history", "--repo", first)).Output;
        Assert.Equal(7, System.Text.RegularExpressions.Regex.Matches(history, @"(?m)^revision \d+").Count);
        Assert.Contains("revision 7", history);
    }

    [Fact]
    public async Task An_unreachable_postgres_is_a_fast_one_line_error()
    {
        var repo = await PostgresRepoAsync(Path.Combine(_scratch.Root, "down"), "Host=127.0.0.1;Port=1;Username=postgres;Database=postgres;Timeout=3");
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var apply = await CliRunner.RunAsync("apply", "--repo", repo);

        Assert.Equal(1, apply.ExitCode);
        Assert.Single(apply.ErrorLines);
        Assert.Contains("127.0.0.1", apply.Error);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
    }

    /// <summary>Declares one more feature view over the sample's driver stats in a file of its own.</summary>
    private static void AddView(string repo, string name) => File.WriteAllText(Path.Combine(repo, name + ".yaml"), $$"""
        feature_views:
          - name: {{name}}
            owner: test@example.com
            entities: [driver]
            source: driver_stats_source
            features:
              - {name: conv_rate, type: float32}

        """);
}
