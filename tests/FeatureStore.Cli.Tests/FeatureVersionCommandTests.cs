using System.Globalization;
using FeatureStore.Client;
using FeatureStore.Offline;
using FeatureStore.Parquet;
using FeatureStore.Sdk;

namespace FeatureStore.Cli.Tests;

/// <summary>The A/B example of docs/feature-versions.md through the real CLI: bump with keep_versions, then read both versions offline and online.</summary>
public sealed class FeatureVersionCommandTests : IDisposable
{
    private readonly TempRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    [Fact]
    public async Task A_bumped_view_keeps_version_one_live_for_plan_describe_materialization_training_sets_and_online_reads()
    {
        Assert.Equal(0, (await CliRunner.RunAsync("init", _repo.Dir)).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("apply", "--repo", _repo.Dir)).ExitCode);
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        Assert.Equal(0, (await CliRunner.RunAsync("materialize-incremental", now, "--repo", _repo.Dir, "--views", "driver_hourly_stats")).ExitCode);

        // Version 2 drops acc_rate (a breaking change, made deliberately by the bump) and keeps version 1 live.
        _repo.Edit("drivers.yaml", "        - {feature: acc_rate, not_null: true, min: 0, max: 1}\n", "");
        _repo.Edit("drivers.yaml", "      - {name: acc_rate, type: float32, description: Share of offers accepted}\n", "");
        _repo.Edit("drivers.yaml", "    ttl: 2d\n", "    ttl: 2d\n    version: 2\n    keep_versions: 2\n");
        _repo.Edit("services.yaml", "      - driver_hourly_stats: [conv_rate, acc_rate, avg_daily_trips]", "      - driver_hourly_stats@1: [conv_rate, acc_rate, avg_daily_trips]");

        var plan = await CliRunner.RunAsync("plan", "--repo", _repo.Dir);
        Assert.True(plan.ExitCode == 0, plan.Error);
        Assert.Contains("retained_versions", plan.Output, StringComparison.Ordinal);
        Assert.Contains("[] → [1]", plan.Output, StringComparison.Ordinal);
        var apply = await CliRunner.RunAsync("apply", "--repo", _repo.Dir);
        Assert.True(apply.ExitCode == 0, apply.Error);
        var describe = await CliRunner.RunAsync("describe", "driver_hourly_stats", "--repo", _repo.Dir);
        Assert.Contains("driver_hourly_stats@1 (conv_rate, acc_rate, avg_daily_trips, rating)", describe.Output, StringComparison.Ordinal);

        var materialize = await CliRunner.RunAsync("materialize-incremental", now, "--repo", _repo.Dir, "--views", "driver_hourly_stats");
        Assert.True(materialize.ExitCode == 0, materialize.Error);
        var runs = await CliRunner.RunAsync("materialization-runs", "--repo", _repo.Dir);
        Assert.Contains("driver_hourly_stats@2", runs.Output, StringComparison.Ordinal);
        // A bare name covers every live version; name@1 is version 1 alone (its runs are kept under the bare name).
        var bothVersions = await CliRunner.RunAsync("materialization-runs", "--repo", _repo.Dir, "--view", "driver_hourly_stats");
        var versionOne = await CliRunner.RunAsync("materialization-runs", "--repo", _repo.Dir, "--view", "driver_hourly_stats@1");
        Assert.Contains("driver_hourly_stats@2", bothVersions.Output, StringComparison.Ordinal);
        Assert.Contains("driver_hourly_stats ", bothVersions.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("driver_hourly_stats@2", versionOne.Output, StringComparison.Ordinal);
        Assert.Contains("driver_hourly_stats ", versionOne.Output, StringComparison.Ordinal);

        var spine = Path.Combine(_repo.Root, "spine.csv");
        var at = DateTimeOffset.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        await File.WriteAllLinesAsync(spine, ["driver_id,event_timestamp", $"1001,{at}", $"1002,{at}"]);
        var output = Path.Combine(_repo.Root, "train.parquet");
        var train = await CliRunner.RunAsync("get-historical-features", "--repo", _repo.Dir, "--spine", spine, "--output", output, "--full-feature-names",
            "--features", "driver_hourly_stats@1:acc_rate,driver_hourly_stats:conv_rate");
        Assert.True(train.ExitCode == 0, train.Error);
        using (var reader = ParquetFileReader.Open(output))
        {
            var names = reader.Schema.Fields.Select(f => f.Name).ToList();
            Assert.Contains("driver_hourly_stats@1__acc_rate", names);
            Assert.Contains("driver_hourly_stats__conv_rate", names);
        }

        var gone = await CliRunner.RunAsync("get-historical-features", "--repo", _repo.Dir, "--spine", spine, "--output", output, "--features", "driver_hourly_stats:acc_rate");
        Assert.Equal(1, gone.ExitCode);
        Assert.Contains("has no feature 'acc_rate'", gone.Error, StringComparison.Ordinal);

        await using var store = await FeatureStoreSession.OpenAsync(_repo.Dir);
        var online = await store.GetOnlineFeaturesAsync(OnlineFeatureQuery
            .ForFeatures("driver_hourly_stats@1:acc_rate", "driver_hourly_stats@1:conv_rate", "driver_hourly_stats:conv_rate")
            .WithEntities("driver_id", 1001L)
            .WithFullFeatureNames());
        Assert.Equal(FeatureStatus.Present, online.GetStatus(0, "driver_hourly_stats@1__acc_rate"));
        Assert.Equal(FeatureStatus.Present, online.GetStatus(0, "driver_hourly_stats__conv_rate"));
        // Both versions were materialized from the same history: the same latest conv_rate under two online keys.
        Assert.Equal(online.GetDouble(0, "driver_hourly_stats@1__conv_rate"), online.GetDouble(0, "driver_hourly_stats__conv_rate"));
        var service = await store.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatureService("driver_ranking").WithEntities("driver_id", 1001L));
        Assert.Equal(online.GetDouble(0, "driver_hourly_stats@1__acc_rate"), service.GetDouble(0, "acc_rate"));
    }
}
