using FeatureStore.Client;
using FeatureStore.Parquet;

namespace FeatureStore.Sdk.Tests.Session;

/// <summary><c>featurestore push --view V --file F</c> with real CSV and Parquet files, read back through the session.</summary>
public sealed class PushCommandTests
{
    private static readonly DateTimeOffset EventTime = new(DateTimeOffset.UtcNow.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond - TimeSpan.TicksPerHour, TimeSpan.Zero);

    [Fact]
    public async Task A_csv_file_is_pushed_with_values_parsed_by_column_type()
    {
        using var repo = await PushRepo.CreateAsync();
        var file = Path.Combine(repo.Dir, "rows.csv");
        await File.WriteAllTextAsync(file,
            "driver_id,event_timestamp,conv_rate,trips,city\n" +
            $"7,{EventTime:O},0.5,12,Lyon\n" +
            $"8,{EventTime:O},0.25,,\"Saint-Étienne, Loire\"\n");

        var (exit, output, error) = await repo.RunCliAsync("push", "--view", "driver_live", "--file", file);

        Assert.True(exit == 0, error);
        Assert.Equal($"pushed {file} to driver_live: 2 accepted, 2 written online, 0 skipped (older than stored), 0 late, 2 appended offline\n", output);
        await using var store = await FeatureStoreSession.OpenAsync(repo.Dir);
        var online = await store.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures("driver_live:trips", "driver_live:city").WithEntities("driver_id", 7L, 8L));
        Assert.Equal((12L, "Lyon"), (online.GetInt64(0, "trips"), online.GetString(0, "city")));
        Assert.True(online.IsNull(1, "trips"));
        Assert.Equal("Saint-Étienne, Loire", online.GetString(1, "city"));
        Assert.Equal([(7L, (long?)12L), (8L, null)], repo.AppendedRows().Select(r => (r.DriverId, r.Trips)));
    }

    [Fact]
    public async Task A_parquet_file_is_pushed()
    {
        using var repo = await PushRepo.CreateAsync();
        var file = Path.Combine(repo.Dir, "rows.parquet");
        WriteParquet(file, [7, 9], [0.5f, 0.75f], [12, 30]);

        var (exit, output, error) = await repo.RunCliAsync("push", "--view", "driver_live", "--file", file);

        Assert.True(exit == 0, error);
        Assert.Contains("2 accepted, 2 written online", output, StringComparison.Ordinal);
        await using var store = await FeatureStoreSession.OpenAsync(repo.Dir);
        var online = await store.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures("driver_live:conv_rate", "driver_live:trips").WithEntities("driver_id", 9L));
        Assert.Equal((0.75, 30L), (online.GetDouble(0, "conv_rate"), online.GetInt64(0, "trips")));
        Assert.Equal(EventTime, online.GetEventTimestamp(0, "trips"));
        Assert.Equal([7L, 9L], repo.AppendedRows().Select(r => r.DriverId));
    }

    [Fact]
    public async Task Bad_rows_in_a_csv_file_are_named_by_file_line_and_column_and_nothing_is_written()
    {
        using var repo = await PushRepo.CreateAsync();
        var file = Path.Combine(repo.Dir, "rows.csv");
        await File.WriteAllTextAsync(file,
            "driver_id,event_timestamp,conv_rate,trips,city\n" +
            $"7,{EventTime:O},0.5,12,Lyon\n" +
            $"8,{EventTime:O},0.5,twelve,Lyon\n" +
            $"9,yesterday,0.5,12,Lyon\n");

        var (exit, output, error) = await repo.RunCliAsync("push", "--view", "driver_live", "--file", file);

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Equal(
            "error: push to feature view 'driver_live' refused, nothing written (2 of the rows are bad): " +
            $"{file} line 3: view driver_live: field trips: expected int64, got \"twelve\"; " +
            $"{file} line 4: field event_timestamp: expected a timestamp (RFC 3339 text, epoch milliseconds or a date-time), got \"yesterday\"\n",
            error);
        Assert.Empty(repo.FilesUnderPushFolder());
    }

    [Fact]
    public async Task Malformed_files_are_refused_naming_the_file_and_line()
    {
        using var repo = await PushRepo.CreateAsync();
        var ragged = Path.Combine(repo.Dir, "ragged.csv");
        await File.WriteAllTextAsync(ragged, "driver_id,event_timestamp,trips\n7,2026-01-01T00:00:00Z\n");
        var json = Path.Combine(repo.Dir, "rows.json");
        await File.WriteAllTextAsync(json, "[]");

        var raggedRun = await repo.RunCliAsync("push", "--view", "driver_live", "--file", ragged);
        var jsonRun = await repo.RunCliAsync("push", "--view", "driver_live", "--file", json);
        var missingRun = await repo.RunCliAsync("push", "--view", "driver_live", "--file", Path.Combine(repo.Dir, "nope.csv"));

        Assert.Equal((1, $"error: push file {ragged} line 2: 2 fields, the header has 3\n"), (raggedRun.Exit, raggedRun.Error));
        Assert.Equal((1, $"error: push file {json}: expected a .parquet or .csv file, not '.json'\n"), (jsonRun.Exit, jsonRun.Error));
        Assert.Equal((1, $"error: push file not found: {Path.Combine(repo.Dir, "nope.csv")}\n"), (missingRun.Exit, missingRun.Error));
    }

    private static void WriteParquet(string path, long[] drivers, float[] convRates, long[] trips)
    {
        var schema = new ParquetSchema(
            new ParquetField("driver_id", ParquetType.Int64, Nullable: false),
            new ParquetField("event_timestamp", ParquetType.Timestamp(), Nullable: false),
            new ParquetField("conv_rate", ParquetType.Float),
            new ParquetField("trips", ParquetType.Int64),
            new ParquetField("city", ParquetType.String));
        var micros = drivers.Select(_ => TemporalValues.FromDateTime(EventTime.UtcDateTime, TimeUnit.Micros)).ToArray();
        using var writer = ParquetFileWriter.Create(path, schema);
        writer.WriteBatch(new RecordBatch(schema,
            [new Int64Column(drivers), new Int64Column(micros), new FloatColumn(convRates), new Int64Column(trips), BinaryColumn.FromStrings([.. drivers.Select(_ => (string?)"Lyon")])],
            drivers.Length));
    }
}
