using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Offline.Tests;

/// <summary>Source-side details: field_mapping renames, and an empty spine giving an empty (but valid) training set.</summary>
public sealed class SourceMappingTests
{
    [Fact]
    public void Field_mapping_reads_renamed_source_columns_for_keys_and_features()
    {
        using var dir = new TempDir();
        var schema = new ParquetSchema(
            new ParquetField("drv", ParquetType.Int32, Nullable: false),
            new ParquetField("event_timestamp", ParquetType.Timestamp(TimeUnit.Millis)),
            new ParquetField("conv", ParquetType.Float));
        ParquetFiles.Write(dir.File("data/stats.parquet"), schema,
            [new Int32Column([7, 7]), new Int64Column([WorkedExample.At(9) / 1000, WorkedExample.At(11) / 1000]), new FloatColumn([0.25f, 0.75f])]);
        var definitions = new RegistryDefinitions(
            "mapping",
            [new EntityDefinition("driver", [new JoinKey("driver_id", FeatureType.Int64)])],
            [new DataSourceDefinition("stats", "data/stats.parquet", "event_timestamp", FieldMapping: new Dictionary<string, string> { ["drv"] = "driver_id", ["conv"] = "conv_rate" })],
            [new FeatureViewDefinition("stats_view", ["driver"], [new FeatureDefinition("conv_rate", FeatureType.Float64)], "stats", "team")],
            []);
        File.WriteAllText(dir.File("spine.csv"), "driver_id,event_timestamp\n7,2024-03-01T10:00:00Z\n7,2024-03-01T11:00:00Z\n");

        var output = ParquetFiles.ReadAll(Engine.WriteAndRead(definitions, Engine.Request(dir.Path, dir.File("spine.csv"), "stats_view:conv_rate"), dir.File("out.parquet")));

        Assert.Equal([0.25, 0.75], ((DoubleColumn)output["conv_rate"]).Span.ToArray());
    }

    [Fact]
    public void Empty_spine_gives_an_empty_training_set_with_the_full_schema()
    {
        using var dir = new TempDir();
        WorkedExample.WriteHistory(dir.Path);
        File.WriteAllText(dir.File("spine.csv"), "driver_id,event_timestamp\n");

        var output = ParquetFiles.ReadAll(Engine.WriteAndRead(WorkedExample.Definitions(), Engine.Request(dir.Path, dir.File("spine.csv"), "driver_hourly_stats:*"), dir.File("out.parquet")));

        Assert.Equal(0, output.RowCount);
        Assert.Equal(["driver_id", "event_timestamp", "conv_rate", "trips", "conv_rate__status", "trips__status"], output.Schema.Fields.Select(f => f.Name).ToArray());
    }
}
