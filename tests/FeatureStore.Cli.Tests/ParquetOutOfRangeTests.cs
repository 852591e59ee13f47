using System.Globalization;
using FeatureStore.Cli.Commands;
using FeatureStore.Parquet;
using FeatureStore.Parquet.Tests.Interop;

namespace FeatureStore.Cli.Tests;

/// <summary>
/// Valid files whose dates and timestamps lie outside DateTime's years 1..9999 (DuckDB writes years up to 294247 and
/// back to 290309 BC): the parquet commands print them from the stored value, years as DuckDB writes them.
/// </summary>
public sealed class ParquetOutOfRangeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fs-cli-parquet-range-").FullName;

    [Fact]
    public async Task Head_prints_dates_and_timestamps_of_any_year_written_by_duckdb()
    {
        var file = WriteWithDuckDb();

        var head = await CliRunner.RunAsync("parquet", "head", file, "--format", "csv");

        // DuckDB prints these as 294247-01-10 04:00:54.775806, 290309-12-22 (BC) 00:00:00, 0001-12-31 (BC) 23:59:59.999999,
        // 10000-01-01 00:00:00 and 2024-01-02 03:04:05.123456 (dates: 5877642-06-25, 0001-12-31 (BC), 4714-11-24 (BC), ...).
        Assert.Equal(0, head.ExitCode);
        Assert.Equal(
            """
            id,ts,d
            1,294247-01-10T04:00:54.775806Z,5877642-06-25
            2,290309-12-22T00:00:00.000000Z (BC),0001-12-31 (BC)
            3,0001-12-31T23:59:59.999999Z (BC),4714-11-24 (BC)
            4,10000-01-01T00:00:00.000000Z,10000-01-01
            5,2024-01-02T03:04:05.123456Z,2024-01-02

            """,
            head.Output.ReplaceLineEndings("\n"));
        Assert.Equal(string.Empty, head.Error);
    }

    [Fact]
    public async Task Stats_and_schema_of_such_a_file_succeed_and_stats_show_the_extremes()
    {
        var file = WriteWithDuckDb();

        var stats = await CliRunner.RunAsync("parquet", "stats", file);
        var schema = await CliRunner.RunAsync("parquet", "schema", file);
        var json = await CliRunner.RunAsync("parquet", "head", file, "--format", "json", "-n", "1");

        Assert.Equal((0, 0, 0), (stats.ExitCode, schema.ExitCode, json.ExitCode));
        Assert.Matches(@"\nts +SNAPPY +\S+ +\d+ +\d+ +0 +290309-12-22T00:00:00\.000000Z \(BC\) +294247-01-10T04:00:54\.775806Z\n", stats.Output.ReplaceLineEndings("\n"));
        Assert.Matches(@"\nd +SNAPPY +\S+ +\d+ +\d+ +0 +4714-11-24 \(BC\) +5877642-06-25\n", stats.Output.ReplaceLineEndings("\n"));
        Assert.Equal("{\"id\":1,\"ts\":\"294247-01-10T04:00:54.775806Z\",\"d\":\"5877642-06-25\"}\n", json.Output.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData(TimeUnit.Millis, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'")]
    [InlineData(TimeUnit.Micros, "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'")]
    [InlineData(TimeUnit.Nanos, "yyyy-MM-dd'T'HH:mm:ss.fffffff'00Z'")]
    public void Timestamps_in_datetime_range_read_as_datetime_prints_them(TimeUnit unit, string format)
    {
        var random = new Random(20261205);
        var ticksPerUnit = unit switch { TimeUnit.Millis => TimeSpan.TicksPerMillisecond, TimeUnit.Micros => TimeSpan.TicksPerMicrosecond, _ => 0 };
        for (var i = 0; i < 20_000; i++)
        {
            long value;
            DateTime instant;
            if (unit == TimeUnit.Nanos)
            {
                value = random.NextInt64(long.MinValue, long.MaxValue) / 100 * 100; // whole ticks, years 1677..2262
                instant = DateTime.UnixEpoch.AddTicks(value / 100);
            }
            else
            {
                var ticks = random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks) / ticksPerUnit * ticksPerUnit;
                value = (ticks - DateTime.UnixEpoch.Ticks) / ticksPerUnit;
                instant = new DateTime(ticks, DateTimeKind.Utc);
            }

            Assert.Equal(instant.ToString(format, CultureInfo.InvariantCulture), ParquetDateText.Timestamp(value, unit));
        }
    }

    [Fact]
    public void Dates_in_dateonly_range_read_as_dateonly_prints_them_and_year_zero_is_1_bc()
    {
        var epoch = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
        for (var day = DateOnly.MinValue.DayNumber; day <= DateOnly.MaxValue.DayNumber; day += 97)
        {
            Assert.Equal(DateOnly.FromDayNumber(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ParquetDateText.Date(day - epoch));
        }

        var firstDay = DateOnly.MinValue.DayNumber - epoch;
        Assert.Equal("0001-12-31 (BC)", ParquetDateText.Date(firstDay - 1));
        Assert.Equal("0001-01-01 (BC)", ParquetDateText.Date(firstDay - 366));
        Assert.Equal("0002-12-31 (BC)", ParquetDateText.Date(firstDay - 367));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string WriteWithDuckDb()
    {
        var file = Path.Combine(_directory, "extreme.parquet");
        NodeScripts.Run(TimeSpan.FromSeconds(60), "copy.mjs", file,
            "SELECT * FROM (VALUES "
            + "(1, TIMESTAMP '294247-01-10 04:00:54.775806', DATE '5877642-06-25'), "
            + "(2, TIMESTAMP '290309-12-22 (BC) 00:00:00', DATE '0001-12-31 (BC)'), "
            + "(3, TIMESTAMP '0001-12-31 (BC) 23:59:59.999999', DATE '4714-11-24 (BC)'), "
            + "(4, TIMESTAMP '10000-01-01 00:00:00', DATE '10000-01-01'), "
            + "(5, TIMESTAMP '2024-01-02 03:04:05.123456', DATE '2024-01-02')) t(id, ts, d)");
        return file;
    }
}
