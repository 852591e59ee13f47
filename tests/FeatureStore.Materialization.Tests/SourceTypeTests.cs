using FeatureStore.Online;
using FeatureStore.Parquet;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Materialization.Tests;

/// <summary>
/// Files of one source may differ in column types: materialization checks every file and widens exactly as the offline
/// engine does (docs/point-in-time.md, "Source types"), and refuses the rest before anything is written.
/// </summary>
public sealed class SourceTypeTests
{
    private static readonly DateTimeOffset D = TestRepo.Day0;

    [Fact]
    public async Task A_source_with_a_double_file_and_a_decimal_file_materializes_the_right_values()
    {
        await using var repo = new TestRepo("sqlite");
        await repo.ApplyYamlAsync(AmountsDefinitions);
        // Driver 1 is in both files; its newer row is the decimal one. Driver 2 only in the double file, 3 only in the decimal one.
        WriteAmounts(repo, "a.parquet", ParquetType.Double, new DoubleColumn([1.5, 2.25]), (1, D.AddHours(1)), (2, D.AddHours(1)));
        WriteAmounts(repo, "b.parquet", ParquetType.Decimal(10, 2), new DecimalColumn([12.34m, -0.07m]), (1, D.AddHours(2)), (3, D.AddHours(2)));

        var result = Assert.Single((await (await repo.MaterializerAsync()).MaterializeAsync(D, D.AddDays(1))).Views);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(new[] { 12.34, 2.25, -0.07 }, await AmountsAsync(repo, 3));
    }

    [Fact]
    public async Task An_int64_file_and_an_int32_file_of_an_int64_feature_are_both_read()
    {
        await using var repo = new TestRepo("sqlite");
        repo.AddFile(new HistoryRow(1, D.AddHours(1), D.AddHours(1), 0.1f, 5_000_000_000), new HistoryRow(2, D.AddHours(1), D.AddHours(1), 0.2f, 7));
        WriteStatsWithTrips(repo, "part-001.parquet", ParquetType.Int32, new Int32Column([-3, 40]), (2, D.AddHours(2)), (3, D.AddHours(2)));
        await repo.ApplyAsync();

        var result = Assert.Single((await (await repo.MaterializerAsync()).MaterializeAsync(D, D.AddDays(1), ["driver_stats"])).Views);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(
        [
            $"1 {Iso(D.AddHours(1))} 0.1,5000000000,London",
            $"2 {Iso(D.AddHours(2))} 0.5,-3,London",
            $"3 {Iso(D.AddHours(2))} 0.5,40,London",
        ], await repo.DumpAsync("driver_stats", 3));
    }

    [Fact]
    public async Task A_string_file_for_an_int64_feature_is_refused_naming_the_file_and_column_before_anything_is_written()
    {
        await using var repo = new TestRepo("sqlite");
        repo.AddFile(new HistoryRow(1, D.AddHours(1), D.AddHours(1), 0.1f, 1));
        WriteStatsWithTrips(repo, "part-001.parquet", ParquetType.String, BinaryColumn.FromStrings(["12"]), (2, D.AddHours(2)));
        await repo.ApplyAsync();

        var e = await Assert.ThrowsAsync<MaterializationException>(async () =>
            await (await repo.MaterializerAsync()).MaterializeAsync(D, D.AddDays(1), ["driver_stats"]));

        Assert.Equal(
            "data source 'stats_source' of feature view 'driver_stats': file data/stats/part-001.parquet column 'trips' has type String, " +
            "which cannot hold feature 'driver_stats:trips' declared int64",
            e.Message);
        Assert.Equal(["1 -", "2 -"], await repo.DumpAsync("driver_stats", 2));
        await using var registry = await repo.OpenRegistryAsync();
        Assert.Empty(await registry.GetWatermarksAsync(repo.Project));
        Assert.Equal(MaterializationRunStatus.Failed, Assert.Single(await registry.GetRunsAsync(repo.Project)).Status);
    }

    [Fact]
    public async Task Event_times_in_milliseconds_nanoseconds_dates_and_epoch_integers_are_read_as_the_engine_reads_them()
    {
        await using var repo = new TestRepo("sqlite");
        await repo.ApplyYamlAsync(AmountsDefinitions.Replace("    created_timestamp_field: created_ts\n", "", StringComparison.Ordinal));
        var at = D.AddHours(5).AddTicks(1234567);   // 0.1234567 s past the hour: nanoseconds floor to 0.123456 s
        var micros = TestRepo.Micros(at);
        WriteEvents(repo, "ms.parquet", ParquetType.Timestamp(TimeUnit.Millis), new Int64Column([micros / 1000]), 1);
        WriteEvents(repo, "ns.parquet", ParquetType.Timestamp(TimeUnit.Nanos, isAdjustedToUtc: false), new Int64Column([(micros * 1000) + 999]), 2);
        WriteEvents(repo, "date.parquet", ParquetType.Date, new Int32Column([(int)(micros / 86_400_000_000)]), 3);
        WriteEvents(repo, "epoch.parquet", ParquetType.Int64, new Int64Column([micros / 1_000_000]), 4);

        var result = Assert.Single((await (await repo.MaterializerAsync()).MaterializeAsync(D, D.AddDays(1))).Views);

        Assert.True(result.Succeeded, result.Error);
        await using var online = repo.OpenOnline();
        var rows = await ReadAsync(repo, online, 4);
        Assert.Equal(
            [at.AddTicks(-(at.UtcTicks % 10_000)), at.AddTicks(-(at.UtcTicks % 10)), D, at.AddTicks(-(at.UtcTicks % 10_000_000))],
            rows.Select(r => r.EventTimestamp));
    }

    private const string AmountsDefinitions = """
        entities:
          - name: driver
            join_keys: [{name: driver_id, type: int64}]
        data_sources:
          - name: amounts_source
            path: data/amounts/
            timestamp_field: event_ts
            created_timestamp_field: created_ts
        feature_views:
          - name: amounts
            entities: [driver]
            source: amounts_source
            owner: test@example.com
            features:
              - {name: amount, type: float64}

        """;

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    private static void WriteAmounts(TestRepo repo, string file, ParquetType amountType, Column amounts, params (long Driver, DateTimeOffset Event)[] rows)
    {
        var schema = new ParquetSchema(
            new ParquetField("driver_id", ParquetType.Int64, Nullable: false),
            new ParquetField("event_ts", ParquetType.Timestamp(TimeUnit.Micros), Nullable: false),
            new ParquetField("created_ts", ParquetType.Timestamp(TimeUnit.Micros), Nullable: false),
            new ParquetField("amount", amountType, Nullable: false));
        repo.WriteParquet($"data/amounts/{file}", schema,
        [
            new Int64Column([.. rows.Select(r => r.Driver)]),
            new Int64Column([.. rows.Select(r => TestRepo.Micros(r.Event))]),
            new Int64Column([.. rows.Select(r => TestRepo.Micros(r.Event))]),
            amounts,
        ], rows.Length);
    }

    private static void WriteEvents(TestRepo repo, string file, ParquetType eventType, Column events, long driver)
    {
        var schema = new ParquetSchema(
            new ParquetField("driver_id", ParquetType.Int64, Nullable: false),
            new ParquetField("event_ts", eventType, Nullable: false),
            new ParquetField("amount", ParquetType.Double, Nullable: false));
        repo.WriteParquet($"data/amounts/{file}", schema, [new Int64Column([driver]), events, new DoubleColumn([driver])], 1);
    }

    /// <summary>A stats file whose trips column has its own type (conv_rate 0.5, city London).</summary>
    private static void WriteStatsWithTrips(TestRepo repo, string file, ParquetType tripsType, Column trips, params (long Driver, DateTimeOffset Event)[] rows)
    {
        var schema = new ParquetSchema(
            new ParquetField("driver_id", ParquetType.Int64, Nullable: false),
            new ParquetField("event_ts", ParquetType.Timestamp(TimeUnit.Micros), Nullable: false),
            new ParquetField("created_ts", ParquetType.Timestamp(TimeUnit.Micros), Nullable: false),
            new ParquetField("conv_rate", ParquetType.Float, Nullable: false),
            new ParquetField("trips", tripsType, Nullable: false),
            new ParquetField("city", ParquetType.String, Nullable: false));
        repo.WriteParquet($"data/stats/{file}", schema,
        [
            new Int64Column([.. rows.Select(r => r.Driver)]),
            new Int64Column([.. rows.Select(r => TestRepo.Micros(r.Event))]),
            new Int64Column([.. rows.Select(r => TestRepo.Micros(r.Event))]),
            new FloatColumn([.. rows.Select(_ => 0.5f)]),
            trips,
            BinaryColumn.FromStrings([.. rows.Select(_ => "London")]),
        ], rows.Length);
    }

    private static async Task<double[]> AmountsAsync(TestRepo repo, int drivers)
    {
        await using var online = repo.OpenOnline();
        return [.. (await ReadAsync(repo, online, drivers)).Select(r => r.Values[0]!.Value.AsFloat64())];
    }

    private static async Task<IReadOnlyList<OnlineEntityRow>> ReadAsync(TestRepo repo, IOnlineStore online, int drivers)
    {
        var keys = Enumerable.Range(1, drivers).Select(i => EntityKey.Of(FeatureValue.FromInt64(i))).ToList();
        var result = await online.ReadAsync([new OnlineReadRequest(new OnlineViewRef(repo.Project, "amounts", 1), ["amount"], keys)]);
        Assert.All(result.Requests[0].Rows, r => Assert.True(r.Found));
        return result.Requests[0].Rows;
    }
}
