using FeatureStore.Offline.Validation;
using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Offline.Tests;

/// <summary>Plan-time validation of definitions against the sources' Parquet footers: errors name file, column, found and declared type.</summary>
public sealed class SourceDataValidatorTests : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public void A_repo_whose_files_match_its_definitions_has_no_problems()
    {
        WriteStats("data/stats/a.parquet");
        WriteStats("data/stats/b.parquet", conversionRate: ParquetType.Float, trips: ParquetType.Int32);

        Assert.Empty(SourceDataValidator.Validate(Definitions(), _dir.Path));
    }

    [Fact]
    public void A_missing_timestamp_column_is_an_error_naming_source_file_and_column()
    {
        WriteStats("data/stats/a.parquet", timestamp: "ts");

        var problem = Assert.Single(SourceDataValidator.Validate(Definitions(), _dir.Path));

        Assert.Equal(new DataProblem(
            DataProblemSeverity.Error,
            "data source 'stats', file 'data/stats/a.parquet', column 'event_timestamp'",
            "file 'data/stats/a.parquet' has no column 'event_timestamp' (timestamp_field)"), problem);
    }

    [Fact]
    public void A_wrong_typed_feature_column_is_an_error_naming_found_and_declared_types()
    {
        WriteStats("data/stats/a.parquet", conversionRate: ParquetType.String);

        var problem = Assert.Single(SourceDataValidator.Validate(Definitions(), _dir.Path));

        Assert.Equal(DataProblemSeverity.Error, problem.Severity);
        Assert.Equal("data source 'stats', file 'data/stats/a.parquet', column 'conv_rate'", problem.Location);
        Assert.Equal("file 'data/stats/a.parquet' column 'conv_rate' has type String, which cannot hold feature 'stats_view:conv_rate' declared float64", problem.Message);
    }

    [Fact]
    public void A_missing_join_key_column_is_an_error_naming_key_and_entity()
    {
        WriteStats("data/stats/a.parquet", key: "id");

        var problem = Assert.Single(SourceDataValidator.Validate(Definitions(), _dir.Path));

        Assert.Equal("data source 'stats', file 'data/stats/a.parquet', column 'driver_id'", problem.Location);
        Assert.Equal("file 'data/stats/a.parquet' has no column 'driver_id' (join key 'driver_id' of entity 'driver')", problem.Message);
    }

    [Fact]
    public void A_path_that_matches_no_file_yet_is_one_warning_per_source()
    {
        var definitions = Definitions() with
        {
            DataSources = [new DataSourceDefinition("stats", "data/later/*.parquet", "event_timestamp"), new DataSourceDefinition("more", "data/more.parquet", "ts")],
        };

        var problems = SourceDataValidator.Validate(definitions, _dir.Path);

        Assert.Equal(
            [
                new DataProblem(DataProblemSeverity.Warning, "data source 'stats'", "no data yet: path 'data/later/*.parquet' matches no Parquet file; its columns are checked once files exist"),
                new DataProblem(DataProblemSeverity.Warning, "data source 'more'", "no data yet: path 'data/more.parquet' matches no Parquet file; its columns are checked once files exist"),
            ],
            problems);
    }

    [Fact]
    public void The_same_problem_in_many_files_is_reported_once_with_the_count_and_other_files_are_checked_too()
    {
        foreach (var name in new[] { "a", "b", "c" })
        {
            WriteStats($"data/stats/{name}.parquet", trips: ParquetType.Boolean);
        }

        WriteStats("data/stats/d.parquet", created: null);
        File.WriteAllText(_dir.File("data/stats/e.parquet"), "not parquet");

        var problems = SourceDataValidator.Validate(Definitions(created: "created"), _dir.Path);

        Assert.Equal<string>(
            [
                "data source 'stats', file 'data/stats/a.parquet', column 'trips': file 'data/stats/a.parquet' column 'trips' has type Boolean, which cannot hold feature 'stats_view:trips' declared int64 (also in 2 more files of this source)",
                "data source 'stats', file 'data/stats/d.parquet', column 'created': file 'data/stats/d.parquet' has no column 'created' (created_timestamp_field)",
                "data source 'stats', file 'data/stats/e.parquet': file 'data/stats/e.parquet' is not readable Parquet: file is 11 bytes, too short to be Parquet (truncated?)",
            ],
            problems.Select(p => p.ToString()));
        Assert.All(problems, p => Assert.Equal(DataProblemSeverity.Error, p.Severity));
    }

    [Fact]
    public void Field_mapping_and_every_view_reading_the_source_are_taken_into_account()
    {
        WriteStats("data/stats/a.parquet", conversionRate: ParquetType.Float, rename: ("conv_rate", "rate"));
        var definitions = Definitions();
        var source = definitions.DataSources[0] with { FieldMapping = new Dictionary<string, string> { ["rate"] = "conv_rate" } };
        var second = new FeatureViewDefinition("other_view", ["driver"], [new FeatureDefinition("trips", FeatureType.Int32), new FeatureDefinition("rating", FeatureType.Float64)], "stats", "team");
        definitions = definitions with { DataSources = [source], FeatureViews = [.. definitions.FeatureViews, second] };

        var problems = SourceDataValidator.Validate(definitions, _dir.Path);

        Assert.Equal<string>(
            [
                "data source 'stats', file 'data/stats/a.parquet', column 'trips': file 'data/stats/a.parquet' column 'trips' has type Int64, which cannot hold feature 'other_view:trips' declared int32",
                "data source 'stats', file 'data/stats/a.parquet', column 'rating': file 'data/stats/a.parquet' has no column 'rating' (feature 'other_view:rating')",
            ],
            problems.Select(p => p.ToString()));
    }

    public void Dispose() => _dir.Dispose();

    private static RegistryDefinitions Definitions(string? created = null) => new(
        "validation",
        [new EntityDefinition("driver", [new JoinKey("driver_id", FeatureType.Int64)])],
        [new DataSourceDefinition("stats", "data/stats/", "event_timestamp", created)],
        [new FeatureViewDefinition("stats_view", ["driver"], [new FeatureDefinition("conv_rate", FeatureType.Float64), new FeatureDefinition("trips", FeatureType.Int64)], "stats", "team")],
        []);

    private void WriteStats(
        string file,
        string key = "driver_id",
        string timestamp = "event_timestamp",
        string? created = "created",
        ParquetType? conversionRate = null,
        ParquetType? trips = null,
        (string From, string To)? rename = null)
    {
        string Name(string column) => rename is { } r && r.From == column ? r.To : column;
        var fields = new List<ParquetField>
        {
            new(key, ParquetType.Int64),
            new(timestamp, ParquetType.Timestamp()),
            new(Name("conv_rate"), conversionRate ?? ParquetType.Double),
            new("trips", trips ?? ParquetType.Int64),
        };
        if (created is not null)
        {
            fields.Add(new ParquetField(created, ParquetType.Timestamp(TimeUnit.Nanos)));
        }

        var schema = new ParquetSchema(fields);
        ParquetFiles.Write(_dir.File(file), schema, [.. schema.Fields.Select(f => EmptyColumn(f.Type))]);
    }

    private static Column EmptyColumn(ParquetType type) => type.Kind switch
    {
        ParquetTypeKind.Double => new DoubleColumn([]),
        ParquetTypeKind.Float => new FloatColumn([]),
        ParquetTypeKind.Int32 => new Int32Column([]),
        ParquetTypeKind.Boolean => new BooleanColumn([]),
        ParquetTypeKind.String => BinaryColumn.FromStrings([]),
        _ => new Int64Column([]),
    };
}
