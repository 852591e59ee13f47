using FeatureStore.Parquet;

namespace FeatureStore.Offline.Tests;

/// <summary>The contract on the worked example of docs/point-in-time.md, row by row, in both modes.</summary>
public sealed class PointInTimeSemanticsTests
{
    [Fact]
    public void Latest_row_at_or_before_t_wins_with_ties_broken_by_created_and_inclusive_ttl()
    {
        var output = Run(asOfCreated: false);
        AssertRows(output,
        [
            (null, "MISSING"),
            (0.65, "PRESENT"),
            (0.70, "PRESENT"),
            (null, "NULL_VALUE"),
            (0.90, "PRESENT"),
            (null, "OUTSIDE_TTL"),
            (null, "MISSING"),
            (0.65, "PRESENT"),
        ]);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], ((Int32Column)output["label"]).Span.ToArray());
        Assert.Equal(14, ((Int32Column)output["trips"]).Values[3]);
        Assert.Equal("PRESENT", ((BinaryColumn)output["trips__status"]).GetString(3));
    }

    [Fact]
    public void As_known_at_mode_ignores_rows_created_after_t()
    {
        var output = Run(asOfCreated: true);
        AssertRows(output,
        [
            (null, "MISSING"),
            (0.50, "PRESENT"),
            (0.65, "PRESENT"),
            (0.65, "PRESENT"),
            (0.90, "PRESENT"),
            (null, "OUTSIDE_TTL"),
            (null, "MISSING"),
            (0.50, "PRESENT"),
        ]);
    }

    [Fact]
    public void Per_view_as_known_at_setting_applies_without_the_global_switch()
    {
        using var dir = new TempDir();
        WorkedExample.WriteHistory(dir.Path);
        var spine = WorkedExample.WriteSpine(dir.File("spine.parquet"));
        var request = Engine.Request(dir.Path, spine, "driver_hourly_stats:conv_rate") with
        {
            AsOfCreatedByView = new Dictionary<string, bool> { ["driver_hourly_stats"] = true },
        };
        var output = ParquetFiles.ReadAll(Engine.WriteAndRead(WorkedExample.Definitions(), request, dir.File("out.parquet")));
        Assert.Equal(0.50, ((DoubleColumn)output["conv_rate"]).Values[1]);
    }

    [Fact]
    public void As_of_created_declared_on_the_view_applies_and_a_request_override_can_turn_it_off()
    {
        using var dir = new TempDir();
        WorkedExample.WriteHistory(dir.Path);
        var spine = WorkedExample.WriteSpine(dir.File("spine.parquet"));
        var definitions = WorkedExample.Definitions();
        definitions = definitions with { FeatureViews = [definitions.FeatureViews[0] with { AsOfCreated = true }] };
        var request = Engine.Request(dir.Path, spine, "driver_hourly_stats:conv_rate");

        var declared = ParquetFiles.ReadAll(Engine.WriteAndRead(definitions, request, dir.File("declared.parquet")));
        var overridden = ParquetFiles.ReadAll(Engine.WriteAndRead(definitions,
            request with { AsOfCreatedByView = new Dictionary<string, bool> { ["driver_hourly_stats"] = false } }, dir.File("overridden.parquet")));

        Assert.Equal(0.50, ((DoubleColumn)declared["conv_rate"]).Values[1]);
        Assert.Equal(0.65, ((DoubleColumn)overridden["conv_rate"]).Values[1]);
    }

    [Fact]
    public void Full_feature_names_prefix_the_view_and_status_columns_follow_the_features()
    {
        using var dir = new TempDir();
        WorkedExample.WriteHistory(dir.Path);
        var spine = WorkedExample.WriteSpine(dir.File("spine.parquet"));
        var request = Engine.Request(dir.Path, spine, "driver_hourly_stats:*") with { FullFeatureNames = true };
        var output = ParquetFiles.ReadAll(Engine.WriteAndRead(WorkedExample.Definitions(), request, dir.File("out.parquet")));
        Assert.Equal(
            ["driver_id", "event_timestamp", "label", "driver_hourly_stats__conv_rate", "driver_hourly_stats__trips",
             "driver_hourly_stats__conv_rate__status", "driver_hourly_stats__trips__status"],
            output.Schema.Fields.Select(f => f.Name).ToArray());
    }

    [Fact]
    public void Status_counts_add_up_to_the_spine_rows()
    {
        using var dir = new TempDir();
        WorkedExample.WriteHistory(dir.Path);
        var spine = WorkedExample.WriteSpine(dir.File("spine.parquet"));
        var set = Engine.Build(WorkedExample.Definitions(), Engine.Request(dir.Path, spine, "driver_hourly_stats:conv_rate"));
        var counts = set.StatusCounts()["conv_rate"];
        Assert.Equal(4, counts[FeatureStatus.Present]);
        Assert.Equal(2, counts[FeatureStatus.Missing]);
        Assert.Equal(1, counts[FeatureStatus.OutsideTtl]);
        Assert.Equal(1, counts[FeatureStatus.NullValue]);
    }

    private static RecordBatch Run(bool asOfCreated)
    {
        using var dir = new TempDir();
        WorkedExample.WriteHistory(dir.Path);
        var spine = WorkedExample.WriteSpine(dir.File("spine.parquet"));
        var request = Engine.Request(dir.Path, spine, "driver_hourly_stats:conv_rate", "driver_hourly_stats:trips") with { AsOfCreated = asOfCreated };
        return ParquetFiles.ReadAll(Engine.WriteAndRead(WorkedExample.Definitions(), request, dir.File("out.parquet")));
    }

    private static void AssertRows(RecordBatch output, (double? Conv, string Status)[] expected)
    {
        var conv = (DoubleColumn)output["conv_rate"];
        var status = (BinaryColumn)output["conv_rate__status"];
        for (var row = 0; row < expected.Length; row++)
        {
            Assert.Equal((expected[row].Conv, expected[row].Status), (conv.IsNull(row) ? null : conv.Values[row], status.GetString(row)));
        }
    }
}
