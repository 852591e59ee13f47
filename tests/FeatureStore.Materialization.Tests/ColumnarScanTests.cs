using FeatureStore.Materialization.Quality;
using FeatureStore.Materialization.Running;
using FeatureStore.Materialization.Source;
using FeatureStore.Online;
using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Materialization.Tests;

/// <summary>The columnar scan and planner: keys compared as bytes across row groups, values converted only per written row.</summary>
public sealed class ColumnarScanTests : IDisposable
{
    private static readonly DateTimeOffset D = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string dir = Path.Combine(Path.GetTempPath(), "fs-columnar-" + Guid.NewGuid().ToString("N"));

    public ColumnarScanTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Composite_keys_across_row_groups_keep_the_latest_row_and_the_first_read_on_a_full_tie()
    {
        // (region, id) rows; row groups of 2 rows, so the same entity's rows sit in different segments.
        WriteFile(
            ("eu", 1, D.AddHours(1), D.AddHours(1), 10),
            ("us", 1, D.AddHours(2), D.AddHours(2), 20),
            ("eu", 1, D.AddHours(3), D.AddHours(3), 11),   // newer event: wins for (eu, 1)
            ("us", 1, D.AddHours(2), D.AddHours(7), 21),   // same event, later created: wins for (us, 1)
            ("eu", 2, D.AddHours(4), D.AddHours(4), 30),   // first read of a full tie: wins for (eu, 2)
            ("eu", 2, D.AddHours(4), D.AddHours(4), 31));

        var rows = SourceScanner.Scan(View(FeatureType.Int64), Source(), Entities(), dir, new MaterializationWindow(D.UtcTicks, D.AddDays(1).UtcTicks));
        var plan = WindowPlanner.Plan(rows, TimeSpan.FromDays(1), new QualityGate(View(FeatureType.Int64)), entitiesPerPartition: 100);

        var written = Assert.Single(plan.Partitions).Select(rows.ToOnlineRow).ToList();
        Assert.Equal(6, plan.RowsRead);
        Assert.Equal(
            [(Key("eu", 1), 11L, D.AddHours(3)), (Key("us", 1), 21L, D.AddHours(2)), (Key("eu", 2), 30L, D.AddHours(4))],
            written.Select(r => (r.Key, r.Values[0].AsInt64(), r.EventTimestamp)));
    }

    [Fact]
    public void A_cell_that_does_not_convert_fails_the_scan_even_in_a_row_that_would_not_be_written()
    {
        // The bad cell (beyond int32) is in an older row of entity (eu, 1); its newer row alone would be written.
        WriteFile(
            ("eu", 1, D.AddHours(1), D.AddHours(1), 1L << 40),
            ("eu", 1, D.AddHours(2), D.AddHours(2), 5));

        var e = Assert.Throws<MaterializationException>(() =>
            SourceScanner.Scan(View(FeatureType.Int32), Source(), Entities(), dir, new MaterializationWindow(D.UtcTicks, D.AddDays(1).UtcTicks)));

        Assert.Equal("view 'sales': data/part-0.parquet row 0, column 'amount': a Int64 column cannot hold int32 values", e.Message);
    }

    private static EntityKey Key(string region, long id) => EntityKey.Of(FeatureValue.FromString(region), FeatureValue.FromInt64(id));

    private static FeatureViewDefinition View(FeatureType amountType) =>
        new("sales", ["shop"], [new FeatureDefinition("amount", amountType)], "src", "team@example.com");

    private static DataSourceDefinition Source() => new("src", "data/", "ts", "created");

    private static EntityDefinition[] Entities() =>
        [new("shop", [new JoinKey("region", FeatureType.String), new JoinKey("id", FeatureType.Int64)])];

    private void WriteFile(params (string Region, long Id, DateTimeOffset Event, DateTimeOffset Created, long Amount)[] rows)
    {
        Directory.CreateDirectory(Path.Combine(dir, "data"));
        static long Micros(DateTimeOffset t) => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
        var schema = new ParquetSchema(
        [
            new ParquetField("region", ParquetType.String, Nullable: false),
            new ParquetField("id", ParquetType.Int64, Nullable: false),
            new ParquetField("ts", ParquetType.Timestamp(TimeUnit.Micros), Nullable: false),
            new ParquetField("created", ParquetType.Timestamp(TimeUnit.Micros), Nullable: false),
            new ParquetField("amount", ParquetType.Int64, Nullable: false),
        ]);
        Column[] columns =
        [
            BinaryColumn.FromStrings([.. rows.Select(r => r.Region)]),
            new Int64Column([.. rows.Select(r => r.Id)]),
            new Int64Column([.. rows.Select(r => Micros(r.Event))]),
            new Int64Column([.. rows.Select(r => Micros(r.Created))]),
            new Int64Column([.. rows.Select(r => r.Amount)]),
        ];
        using var writer = ParquetFileWriter.Create(Path.Combine(dir, "data", "part-0.parquet"), schema, new ParquetWriteOptions { RowGroupSize = 2 });
        writer.WriteBatch(new RecordBatch(schema, columns, rows.Length));
    }
}
