using FeatureStore.Cli;
using FeatureStore.Parquet;

namespace FeatureStore.Offline.Tests;

/// <summary>The CLI commands end to end on the sample repo of <c>featurestore init</c>, applied to its SQLite registry.</summary>
public sealed class TrainingSetCliTests
{
    [Fact]
    public async Task Get_historical_features_writes_the_training_set_and_verify_reports_unchanged_then_changed()
    {
        using var dir = new TempDir();
        var repo = await SampleRepoAsync(dir);
        var spine = dir.File("spine.csv");
        File.WriteAllText(spine, "driver_id,event_timestamp,label\n" + string.Join('\n', Enumerable.Range(0, 50).Select(i =>
            $"{1001 + (i * 7 % 520)},{DateTimeOffset.UtcNow.AddHours(-i * 5):O},{i % 2}")) + "\n");
        var output = dir.File("out/train.parquet");

        var (code, stdout, stderr) = await RunAsync("--repo", repo, "get-historical-features", "--spine", spine, "--feature-service", "driver_ranking",
            "--output", output, "--status-columns", "--full-feature-names");

        Assert.True(code == 0, stderr);
        Assert.Contains("50 rows, 4 features", stdout);
        var batch = ParquetFiles.ReadAll(output);
        Assert.Equal(50, batch.RowCount);
        Assert.Contains("driver_hourly_stats__conv_rate__status", batch.Schema.Fields.Select(f => f.Name));
        Assert.Contains(((BinaryColumn)batch["driver_embedding__embedding__status"]).GetString(0), new[] { "PRESENT", "MISSING" });

        var unchanged = await RunAsync("--repo", repo, "verify-training-set", output + ".manifest.json");
        Assert.Equal(0, unchanged.Code);
        Assert.StartsWith("unchanged", unchanged.Stdout);

        File.AppendAllText(spine, "1001,2024-01-01T00:00:00Z,1\n");
        var changed = await RunAsync("--repo", repo, "verify-training-set", output);
        Assert.Equal(2, changed.Code);
        Assert.Contains("spine", changed.Stdout);
    }

    [Fact]
    public async Task Get_historical_features_with_an_unknown_feature_fails_with_one_error_line_and_no_file()
    {
        using var dir = new TempDir();
        var repo = await SampleRepoAsync(dir);
        File.WriteAllText(dir.File("spine.csv"), "driver_id,event_timestamp\n1001,2024-01-01T00:00:00Z\n");

        var (code, _, stderr) = await RunAsync("--repo", repo, "get-historical-features", "--spine", dir.File("spine.csv"),
            "--features", "driver_hourly_stats:speed", "--output", dir.File("out/train.parquet"));

        Assert.Equal(1, code);
        Assert.Equal("error: feature view 'driver_hourly_stats' has no feature 'speed' (reference 'driver_hourly_stats:speed')", stderr.Trim());
        Assert.Empty(Directory.GetFiles(Path.Combine(dir.Path, "out")));
    }

    private static async Task<string> SampleRepoAsync(TempDir dir)
    {
        var repo = Path.Combine(dir.Path, "repo");
        var init = await RunAsync("init", repo);
        Assert.True(init.Code == 0, init.Stderr);
        var apply = await RunAsync("--repo", repo, "apply");
        Assert.True(apply.Code == 0, apply.Stderr);
        return repo;
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
