using FeatureStore.Materialization.Planning;
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

        using var plan = Plan(View(FeatureType.Int64), new MaterializerOptions { EntitiesPerPartition = 100 });

        Assert.Equal(1, plan.PartitionCount);
        var partition = plan.Load(0, CancellationToken.None);
        var written = partition.Ordinals.Select(partition.Rows.ToOnlineRow).ToList();
        Assert.Equal(6, plan.RowsRead);
        Assert.Equal(
            [(Key("eu", 1), 11L, D.AddHours(3)), (Key("us", 1), 21L, D.AddHours(2)), (Key("eu", 2), 30L, D.AddHours(4))],
            written.Select(r => (r.Key, r.Values[0].AsInt64(), r.EventTimestamp)));
    }

    [Fact]
    public void A_column_type_the_engine_refuses_fails_before_any_row_is_read()
    {
        // int64 into an int32 feature is refused by the offline engine's table, whatever the values.
        WriteFile(("eu", 1, D.AddHours(1), D.AddHours(1), 5));

        var e = Assert.Throws<MaterializationException>(() => Plan(View(FeatureType.Int32), new MaterializerOptions()));

        Assert.Equal(
            "data source 'src' of feature view 'sales': file data/part-0.parquet column 'amount' has type Int64, which cannot hold feature 'sales:amount' declared int32",
            e.Message);
    }

    [Fact]
    public void A_key_cell_beyond_an_int32_join_key_fails_the_scan_naming_file_row_and_column()
    {
        WriteFile(("eu", 1, D.AddHours(1), D.AddHours(1), 5), ("eu", 1L << 40, D.AddHours(2), D.AddHours(2), 6));
        EntityDefinition[] entities = [new("shop", [new JoinKey("region", FeatureType.String), new JoinKey("id", FeatureType.Int32)])];

        var e = Assert.Throws<MaterializationException>(() => Plan(View(FeatureType.Int64), new MaterializerOptions(), entities));

        Assert.Equal("view 'sales': data/part-0.parquet row 1, column 'id': join key value 1099511627776 does not fit the declared int32", e.Message);
    }

    [Fact]
    public void Planning_in_parallel_in_memory_and_spilled_picks_the_same_winners_in_a_fixed_order()
    {
        // More rows than the parallel-planning threshold: 3,000 entities with 30 rows each, many event-time ties broken by created time.
        var random = new Random(11);
        var rows = Enumerable.Range(0, 90_000).Select(i =>
        {
            var at = D.AddMinutes(random.Next(0, 600));
            return (Region: i % 2 == 0 ? "eu" : "us", Id: (long)(i % 3000), Event: at, Created: at.AddSeconds(random.Next(0, 3)), Amount: (long)i);
        }).ToArray();
        WriteFile(10_000, rows);
        var expected = rows.Select((r, read) => (r, read))
            .GroupBy(x => (x.r.Region, x.r.Id))
            .Select(g => g.OrderByDescending(x => x.r.Event).ThenByDescending(x => x.r.Created).ThenBy(x => x.read).First().r)
            .Select(r => (r.Region, r.Id, r.Event, r.Amount))
            .Order()
            .ToList();
        var view = View(FeatureType.Int64);

        using var first = Plan(view, new MaterializerOptions { EntitiesPerPartition = 700 });
        using var second = Plan(view, new MaterializerOptions { EntitiesPerPartition = 700 });
        using var spilled = Plan(view, new MaterializerOptions { EntitiesPerPartition = 700, MemoryBudgetBytes = 1, SpillDirectory = Path.Combine(dir, "spill") });

        Assert.Equal((1, 5), (first.SpillBuckets, first.PartitionCount));
        Assert.True(spilled.SpillBuckets > 1, $"spilled into {spilled.SpillBuckets} bucket(s)");
        Assert.Equal(Written(first), Written(second));
        Assert.Equal(expected, Written(first).Select(w => w.Row).Order().ToList());
        Assert.Equal(expected, Written(spilled).Select(w => w.Row).Order().ToList());
        Assert.Equal(Written(spilled), Written(spilled));
    }

    [Fact]
    public void One_part_integer_keys_keyed_ahead_across_row_groups_and_batches_keep_the_latest_row_and_the_first_read_on_a_full_tie()
    {
        // Row groups of 100,000 rows, each cut into several scan batches and keyed on worker threads ahead of the sink;
        // every entity has rows in both row groups and full ties, so only keying in file order gives the expected winners.
        var random = new Random(5);
        var rows = Enumerable.Range(0, 200_000).Select(i =>
        {
            var at = D.AddMinutes(random.Next(0, 20));
            return (Region: "eu", Id: (long)(i % 4000) - 2000, Event: at, Created: at, Amount: (long)i);
        }).ToArray();
        WriteFile(100_000, rows);
        var expected = rows.Select((r, read) => (r, read))
            .GroupBy(x => x.r.Id)
            .Select(g => g.OrderByDescending(x => x.r.Event).ThenBy(x => x.read).First().r)
            .Select(r => (r.Id, r.Event, r.Amount))
            .Order()
            .ToList();
        EntityDefinition[] entities = [new("shop", [new JoinKey("id", FeatureType.Int64)])];

        using var plan = Plan(View(FeatureType.Int64), new MaterializerOptions { EntitiesPerPartition = 1000 }, entities);

        var written = Enumerable.Range(0, plan.PartitionCount).Select(p => plan.Load(p, CancellationToken.None))
            .SelectMany(partition => partition.Ordinals.Select(partition.Rows.ToOnlineRow))
            .Select(r => (r.Key.Parts[0].AsInt64(), r.EventTimestamp, r.Values[0].AsInt64()))
            .Order()
            .ToList();
        Assert.Equal(200_000, plan.RowsRead);
        Assert.Equal(expected, written);
    }

    [Fact]
    public void Of_two_bad_cells_in_row_groups_keyed_at_once_the_first_in_file_order_fails_the_scan()
    {
        // 40 row groups of 2 rows: the row groups holding rows 61 and 63 are keyed concurrently, the later one may finish first.
        var rows = Enumerable.Range(0, 80).Select(i => ("eu", i is 61 or 63 ? (1L << 40) + i : i, D.AddHours(1), D.AddHours(1), (long)i)).ToArray();
        WriteFile(2, rows);
        EntityDefinition[] entities = [new("shop", [new JoinKey("region", FeatureType.String), new JoinKey("id", FeatureType.Int32)])];

        var e = Assert.Throws<MaterializationException>(() => Plan(View(FeatureType.Int64), new MaterializerOptions(), entities));

        Assert.Equal("view 'sales': data/part-0.parquet row 61, column 'id': join key value 1099511627837 does not fit the declared int32", e.Message);
    }

    private static List<(int Partition, (string Region, long Id, DateTimeOffset Event, long Amount) Row)> Written(WindowPlan plan)
    {
        var written = new List<(int, (string, long, DateTimeOffset, long))>();
        for (var p = 0; p < plan.PartitionCount; p++)
        {
            var partition = plan.Load(p, CancellationToken.None);
            written.AddRange(partition.Ordinals.Select(partition.Rows.ToOnlineRow)
                .Select(r => (p, (r.Key.Parts[0].AsString(), r.Key.Parts[1].AsInt64(), r.EventTimestamp, r.Values[0].AsInt64()))));
        }

        return written;
    }

    private WindowPlan Plan(FeatureViewDefinition view, MaterializerOptions options, EntityDefinition[]? entities = null) =>
        WindowPlanner.Plan(
            new ViewRunPlan(view, Source(), entities ?? Entities(), new MaterializationWindow(D.UtcTicks, D.AddDays(1).UtcTicks), AdvanceEvent: false, null),
            "p", dir, "run", options, CancellationToken.None);

    private static EntityKey Key(string region, long id) => EntityKey.Of(FeatureValue.FromString(region), FeatureValue.FromInt64(id));

    private static FeatureViewDefinition View(FeatureType amountType) =>
        new("sales", ["shop"], [new FeatureDefinition("amount", amountType)], "src", "team@example.com");

    private static DataSourceDefinition Source() => new("src", "data/", "ts", "created");

    private static EntityDefinition[] Entities() =>
        [new("shop", [new JoinKey("region", FeatureType.String), new JoinKey("id", FeatureType.Int64)])];

    private void WriteFile(params (string Region, long Id, DateTimeOffset Event, DateTimeOffset Created, long Amount)[] rows) => WriteFile(2, rows);

    private void WriteFile(int rowGroupSize, (string Region, long Id, DateTimeOffset Event, DateTimeOffset Created, long Amount)[] rows)
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
        using var writer = ParquetFileWriter.Create(Path.Combine(dir, "data", "part-0.parquet"), schema, new ParquetWriteOptions { RowGroupSize = rowGroupSize });
        writer.WriteBatch(new RecordBatch(schema, columns, rows.Length));
    }
}
