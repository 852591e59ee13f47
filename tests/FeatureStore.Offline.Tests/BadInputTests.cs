using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Offline.Tests;

/// <summary>Bad input fails with one clear line naming the culprit, and no output file (nor temp file) is left behind.</summary>
public sealed class BadInputTests
{
    [Fact]
    public void Spine_without_timestamp_column_is_refused_naming_the_column()
    {
        var message = Fail((dir, request) =>
        {
            File.WriteAllText(dir.File("spine.csv"), "driver_id,ts\n1001,2024-03-01T10:00:00Z\n");
            return request with { SpinePath = dir.File("spine.csv") };
        });
        Assert.Contains("no timestamp column 'event_timestamp'", message);
    }

    [Fact]
    public void Spine_without_the_join_key_column_is_refused_naming_key_and_view()
    {
        var message = Fail((dir, request) =>
        {
            File.WriteAllText(dir.File("spine.csv"), "driver,event_timestamp\n1001,2024-03-01T10:00:00Z\n");
            return request with { SpinePath = dir.File("spine.csv") };
        });
        Assert.Contains("has no column 'driver_id'", message);
        Assert.Contains("driver_hourly_stats", message);
    }

    [Fact]
    public void Unparseable_csv_timestamp_is_refused_naming_line_and_value()
    {
        var message = Fail((dir, request) =>
        {
            File.WriteAllText(dir.File("spine.csv"), "driver_id,event_timestamp\n1001,2024-03-01T10:00:00Z\n1002,yesterday\n");
            return request with { SpinePath = dir.File("spine.csv") };
        });
        Assert.Contains("line 3", message);
        Assert.Contains("'yesterday'", message);
    }

    [Fact]
    public void Spine_key_of_the_wrong_type_is_refused_naming_entity_and_type()
    {
        var message = Fail((dir, request) =>
        {
            var schema = new ParquetSchema(new ParquetField("driver_id", ParquetType.String), new ParquetField("event_timestamp", ParquetType.Timestamp()));
            ParquetFiles.Write(dir.File("spine.parquet"), schema, [BinaryColumn.FromStrings(["1001"]), new Int64Column([WorkedExample.At(10)])]);
            return request with { SpinePath = dir.File("spine.parquet") };
        });
        Assert.Contains("join key 'driver_id' of entity 'driver' is int64", message);
    }

    [Fact]
    public void Csv_key_that_is_not_an_integer_is_refused_naming_the_line()
    {
        var message = Fail((dir, request) =>
        {
            File.WriteAllText(dir.File("spine.csv"), "driver_id,event_timestamp\nabc,2024-03-01T10:00:00Z\n");
            return request with { SpinePath = dir.File("spine.csv") };
        });
        Assert.Contains("line 2", message);
        Assert.Contains("'abc' is not an integer", message);
    }

    [Theory]
    [InlineData("driver_hourly_stats:speed", "feature view 'driver_hourly_stats' has no feature 'speed'")]
    [InlineData("drivers:conv_rate", "unknown feature view 'drivers'")]
    [InlineData("conv_rate", "invalid feature reference 'conv_rate'")]
    public void Unknown_feature_reference_is_refused_naming_it(string reference, string expected)
    {
        var message = Fail((_, request) => request with { Features = [reference] });
        Assert.Contains(expected, message);
    }

    [Fact]
    public void Missing_source_file_is_refused_naming_the_path()
    {
        var message = Fail((dir, request) =>
        {
            File.Delete(Path.Combine(dir.Path, "data/driver_stats.parquet"));
            return request;
        });
        Assert.Contains("source file not found", message);
        Assert.Contains("driver_stats.parquet", message);
    }

    [Fact]
    public void Unreadable_source_file_is_refused_naming_the_path()
    {
        var message = Fail((dir, request) =>
        {
            File.WriteAllText(Path.Combine(dir.Path, "data/driver_stats.parquet"), "this is not parquet");
            return request;
        });
        Assert.Contains("driver_stats.parquet", message);
    }

    [Fact]
    public void Feature_name_collision_without_full_names_is_refused()
    {
        using var dir = new TempDir();
        WorkedExample.WriteHistory(dir.Path);
        var spine = WorkedExample.WriteSpine(dir.File("spine.parquet"));
        var definitions = WorkedExample.Definitions();
        var view = definitions.FeatureViews[0];
        definitions = definitions with { FeatureViews = [view, view with { Name = "driver_daily_stats" }] };
        var request = Engine.Request(dir.Path, spine, "driver_hourly_stats:conv_rate", "driver_daily_stats:conv_rate");

        var error = Assert.Throws<TrainingSetException>(() => Engine.Build(definitions, request));
        Assert.Contains("output column 'conv_rate' of 'driver_daily_stats:conv_rate' collides", error.Message);
        Assert.Contains("--full-feature-names", error.Message);
        Assert.Equal(2, Engine.Build(definitions, request with { FullFeatureNames = true }).FeatureColumns.Count);
    }

    private static string Fail(Func<TempDir, TrainingSetRequest, TrainingSetRequest> arrange)
    {
        using var dir = new TempDir();
        WorkedExample.WriteHistory(dir.Path);
        var spine = WorkedExample.WriteSpine(dir.File("spine.parquet"));
        var request = arrange(dir, Engine.Request(dir.Path, spine, "driver_hourly_stats:conv_rate"));
        var outputDir = dir.File("out/.keep");
        var error = Assert.Throws<TrainingSetException>(() => TrainingSetWriter.Write(Engine.Build(WorkedExample.Definitions(), request), Path.Combine(Path.GetDirectoryName(outputDir)!, "train.parquet")));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(outputDir)!));
        Assert.DoesNotContain('\n', error.Message);
        return error.Message;
    }
}
