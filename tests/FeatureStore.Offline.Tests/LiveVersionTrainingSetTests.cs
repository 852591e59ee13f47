using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Offline.Tests;

/// <summary>A training set reading two live versions of one view side by side (keep_versions), each with its own definition.</summary>
public sealed class LiveVersionTrainingSetTests
{
    // Version 2 is the worked example's view; version 1, still live, had a 30-minute TTL and no trips feature.
    private static RegistryDefinitions Definitions()
    {
        var definitions = WorkedExample.Definitions();
        var v2 = definitions.FeatureViews[0] with { Version = 2, KeepVersions = 2 };
        var v1 = v2 with { Version = 1, KeepVersions = null, Ttl = TimeSpan.FromMinutes(30), Features = [v2.Features[0]] };
        return definitions with { FeatureViews = [v2 with { RetainedVersions = [v1] }] };
    }

    [Fact]
    public void Each_version_joins_with_its_own_ttl_under_its_label()
    {
        using var dir = new TempDir();
        WorkedExample.WriteHistory(dir.Path);
        var spine = WorkedExample.WriteSpine(dir.File("spine.parquet"));
        var request = Engine.Request(dir.Path, spine, "driver_hourly_stats@1:conv_rate", "driver_hourly_stats:conv_rate") with { FullFeatureNames = true };

        var output = ParquetFiles.ReadAll(Engine.WriteAndRead(Definitions(), request, dir.File("out.parquet")));

        Assert.Equal(
            ["driver_id", "event_timestamp", "label", "driver_hourly_stats@1__conv_rate", "driver_hourly_stats__conv_rate",
             "driver_hourly_stats@1__conv_rate__status", "driver_hourly_stats__conv_rate__status"],
            output.Schema.Fields.Select(f => f.Name).ToArray());
        var v1 = (BinaryColumn)output["driver_hourly_stats@1__conv_rate__status"];
        var v2 = (BinaryColumn)output["driver_hourly_stats__conv_rate__status"];
        // 1002 at 08:00 read a 06:00 value: inside version 2's 2h TTL, outside version 1's 30 minutes.
        Assert.Equal(("OUTSIDE_TTL", "PRESENT"), (v1.GetString(4), v2.GetString(4)));
        Assert.Equal(0.90, ((DoubleColumn)output["driver_hourly_stats__conv_rate"]).Values[4]);
        // 1001 at 11:30 read the 11:00 value: inside both.
        Assert.Equal(0.70, ((DoubleColumn)output["driver_hourly_stats@1__conv_rate"]).Values[2]);
    }

    [Fact]
    public void A_version_that_is_not_live_or_a_feature_it_lacks_is_refused_by_name()
    {
        using var dir = new TempDir();
        WorkedExample.WriteHistory(dir.Path);
        var spine = WorkedExample.WriteSpine(dir.File("spine.parquet"));

        var gone = Assert.Throws<TrainingSetException>(() => Engine.Build(Definitions(), Engine.Request(dir.Path, spine, "driver_hourly_stats@3:conv_rate")));
        var lacking = Assert.Throws<TrainingSetException>(() => Engine.Build(Definitions(), Engine.Request(dir.Path, spine, "driver_hourly_stats@1:trips")));

        Assert.Contains("feature view 'driver_hourly_stats' has no live version 3 (live: 2, 1;", gone.Message, StringComparison.Ordinal);
        Assert.Contains("reference 'driver_hourly_stats@3:conv_rate'", gone.Message, StringComparison.Ordinal);
        Assert.Contains("feature view 'driver_hourly_stats@1' has no feature 'trips'", lacking.Message, StringComparison.Ordinal);
    }
}
