using System.Globalization;
using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Offline.Tests;

/// <summary>
/// Files of one source written at different times differ in physical type: the engine widens each file's column to the
/// declared type (docs/point-in-time.md, "Source types") and refuses, before writing anything, what it cannot widen safely.
/// </summary>
public sealed class SourceTypeWideningTests
{
    [Fact]
    public void Double_and_decimal_files_of_one_float64_feature_give_the_nearest_doubles()
    {
        using var dir = new TempDir();
        WriteWithProjectWriter(dir, "a.parquet", driver: 1, ParquetType.Double, new DoubleColumn([0.5]));
        DuckDbFiles.Write(dir.File("data/stats/b.parquet"), Row(2, "1.23::DECIMAL(10,2)"));
        DuckDbFiles.Write(dir.File("data/stats/c.parquet"), Row(3, "'-12345678901234567.8901234567'::DECIMAL(38,10)"));
        DuckDbFiles.Write(dir.File("data/stats/d.parquet"), Row(4, "0.25::FLOAT"));

        var output = Build(dir, FeatureType.Float64);

        Assert.Equal([ParquetTypeKind.Double, ParquetTypeKind.Decimal, ParquetTypeKind.Decimal, ParquetTypeKind.Float], TypesOf(dir, "conv_rate"));
        Assert.Equal([0.5, 1.23, double.Parse("-12345678901234567.8901234567", CultureInfo.InvariantCulture), 0.25], ((DoubleColumn)output["conv_rate"]).Span.ToArray());
        Assert.All(Statuses(output), s => Assert.Equal("PRESENT", s));
    }

    [Fact]
    public void Integer_widths_timestamp_units_zones_and_nullability_may_differ_between_files()
    {
        using var dir = new TempDir();
        var t = WorkedExample.At(9);
        ParquetFiles.Write(dir.File("data/stats/a.parquet"), new ParquetSchema(
                new ParquetField("driver_id", ParquetType.Int32, Nullable: false),
                new ParquetField("event_timestamp", ParquetType.Timestamp(TimeUnit.Millis, isAdjustedToUtc: true), Nullable: false),
                new ParquetField("trips", ParquetType.Int32, Nullable: false),
                new ParquetField("seen_at", ParquetType.Timestamp(TimeUnit.Nanos), Nullable: false)),
            [new Int32Column([1]), new Int64Column([t / 1000]), new Int32Column([7]), new Int64Column([-1_500])]);
        ParquetFiles.Write(dir.File("data/stats/b.parquet"), new ParquetSchema(
                new ParquetField("driver_id", ParquetType.Int64),
                new ParquetField("event_timestamp", ParquetType.Timestamp(TimeUnit.Nanos, isAdjustedToUtc: false)),
                new ParquetField("trips", ParquetType.Int64),
                new ParquetField("seen_at", ParquetType.Timestamp(TimeUnit.Micros, isAdjustedToUtc: false))),
            [new Int64Column([2, 3]), new Int64Column([t * 1000, t * 1000]), new Int64Column([5_000_000_000, 0], [true, false]), new Int64Column([t, t])]);
        DuckDbFiles.Write(dir.File("data/stats/c.parquet"),
            "SELECT 4::UINTEGER AS driver_id, TIMESTAMPTZ '2024-03-01 09:00:00+00' AS event_timestamp, 4000000000::UINTEGER AS trips, "
            + "TIMESTAMP_MS '1969-12-31 23:59:59.999' AS seen_at");
        var definitions = Definitions(("trips", FeatureType.Int64), ("seen_at", FeatureType.Timestamp));

        var output = Build(dir, definitions, Spine(dir, 4), "stats_view:trips", "stats_view:seen_at");

        var trips = (Int64Column)output["trips"];
        Assert.Equal([7L, 5_000_000_000, 0, 4_000_000_000], trips.Span.ToArray());
        Assert.True(trips.IsNull(2));
        Assert.Equal(["PRESENT", "PRESENT", "NULL_VALUE", "PRESENT"], Statuses(output, "trips"));
        // Nanoseconds truncate toward minus infinity: -1500 ns is -2 µs, as DuckDB's epoch_us(...) floors it.
        Assert.Equal([-2L, t, t, -1000], ((Int64Column)output["seen_at"]).Span.ToArray());
    }

    [Fact]
    public void A_column_that_cannot_be_widened_is_refused_naming_file_column_both_types_and_nothing_is_written()
    {
        using var dir = new TempDir();
        WriteWithProjectWriter(dir, "a.parquet", driver: 1, ParquetType.Double, new DoubleColumn([0.5]));
        DuckDbFiles.Write(dir.File("data/stats/b.parquet"), Row(2, "'0.75'"));
        var output = dir.File("out/train.parquet");

        var error = Assert.Throws<TrainingSetException>(() => TrainingSetEngine.BuildToFile(
            RegistrySnapshot.FromDefinitions(Definitions(("conv_rate", FeatureType.Float64))), Engine.Request(dir.Path, Spine(dir, 2), "stats_view:conv_rate"), output));

        Assert.Equal(
            $"data source 'stats' of feature view 'stats_view': file {dir.File("data/stats/b.parquet")} column 'conv_rate' has type String, which cannot hold feature 'stats_view:conv_rate' declared float64",
            error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(Path.GetDirectoryName(output)!));
    }

    [Theory]
    [InlineData(FeatureType.Int32, "1::BIGINT", "Int64")]
    [InlineData(FeatureType.Int64, "1::UBIGINT", "UInt64")]
    [InlineData(FeatureType.Float32, "1::DECIMAL(4,1)", "Decimal(4,1)")]
    [InlineData(FeatureType.Timestamp, "DATE '2024-03-01'", "Date")]
    [InlineData(FeatureType.Bool, "1::INTEGER", "Int32")]
    public void Narrowing_or_reinterpreting_conversions_are_refused(FeatureType declared, string duckDbValue, string foundType)
    {
        using var dir = new TempDir();
        DuckDbFiles.Write(dir.File("data/stats/a.parquet"), Row(1, duckDbValue));

        var error = Assert.Throws<TrainingSetException>(() => Build(dir, Definitions(("conv_rate", declared)), Spine(dir, 1), "stats_view:conv_rate"));

        Assert.EndsWith($"column 'conv_rate' has type {foundType}, which cannot hold feature 'stats_view:conv_rate' declared {declared.Name()}", error.Message, StringComparison.Ordinal);
    }

    private static string Row(int driver, string conversionRate) =>
        $"SELECT {driver}::BIGINT AS driver_id, TIMESTAMP '2024-03-01 09:00:00' AS event_timestamp, {conversionRate} AS conv_rate";

    private static void WriteWithProjectWriter(TempDir dir, string file, int driver, ParquetType type, Column values) =>
        ParquetFiles.Write(dir.File($"data/stats/{file}"), new ParquetSchema(
                new ParquetField("driver_id", ParquetType.Int64, Nullable: false),
                new ParquetField("event_timestamp", ParquetType.Timestamp(TimeUnit.Micros), Nullable: false),
                new ParquetField("conv_rate", type)),
            [new Int64Column([driver]), new Int64Column([WorkedExample.At(9)]), values]);

    private static RegistryDefinitions Definitions(params (string Name, FeatureType Type)[] features) => new(
        "widening",
        [new EntityDefinition("driver", [new JoinKey("driver_id", FeatureType.Int64)])],
        [new DataSourceDefinition("stats", "data/stats/", "event_timestamp")],
        [new FeatureViewDefinition("stats_view", ["driver"], [.. features.Select(f => new FeatureDefinition(f.Name, f.Type))], "stats", "team")],
        []);

    /// <summary>Drivers 1..n, each asked for at 10:00, after every row (09:00).</summary>
    private static string Spine(TempDir dir, int drivers)
    {
        File.WriteAllText(dir.File("spine.csv"), "driver_id,event_timestamp\n" + string.Concat(Enumerable.Range(1, drivers).Select(d => $"{d},2024-03-01T10:00:00Z\n")));
        return dir.File("spine.csv");
    }

    private static RecordBatch Build(TempDir dir, FeatureType conversionRateType) =>
        Build(dir, Definitions(("conv_rate", conversionRateType)), Spine(dir, 4), "stats_view:conv_rate");

    private static RecordBatch Build(TempDir dir, RegistryDefinitions definitions, string spine, params string[] features) =>
        ParquetFiles.ReadAll(Engine.WriteAndRead(definitions, Engine.Request(dir.Path, spine, features), dir.File("out.parquet")));

    private static ParquetTypeKind[] TypesOf(TempDir dir, string column) =>
        [.. Directory.GetFiles(dir.File("data/stats"), "*.parquet").Order(StringComparer.Ordinal).Select(path =>
        {
            using var reader = ParquetFileReader.Open(path);
            return reader.Schema[column].Type.Kind;
        })];

    private static string[] Statuses(RecordBatch output, string feature = "conv_rate")
    {
        var column = (BinaryColumn)output[feature + "__status"];
        return [.. Enumerable.Range(0, output.RowCount).Select(r => column.GetString(r)!)];
    }
}
