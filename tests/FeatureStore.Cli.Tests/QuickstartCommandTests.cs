using System.Globalization;
using System.Text.RegularExpressions;
using FeatureStore.Cli.Commands;
using FeatureStore.Cli.Sample;
using FeatureStore.Parquet;
using FeatureStore.Serving.V1;

namespace FeatureStore.Cli.Tests;

/// <summary>
/// <c>featurestore quickstart</c> through the real CLI, twice on the same folder (the second time as its own process): every
/// step runs, and the streaming step's printed counts and served values are checked against the Parquet files its pushes
/// appended (read directly).
/// </summary>
public sealed partial class QuickstartCommandTests : IDisposable
{
    private readonly TempRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    private sealed record AppendedTrip(long DriverId, DateTimeOffset EventTime, DateTimeOffset IngestedAt, long TripId, double FareEur, float DistanceKm);

    [Fact]
    public async Task Runs_every_step_twice_and_serves_each_drivers_newest_pushed_trip()
    {
        var first = await CliRunner.RunAsync("quickstart", _repo.Dir);
        Assert.True(first.ExitCode == 0, first.Error);
        // Again as its own process, as a user reruns it (in one process, pooled SQLite connections would outlive the deleted repo).
        var second = await CliRunner.WaitAsync(CliRunner.StartProcess("quickstart", _repo.Dir));
        Assert.True(second.ExitCode == 0, second.Error);

        var output = second.Output;
        foreach (var step in new[] { "1. init", "2. apply", "3. list", "4. training set", "5. materialize", "6. serve", "7. stream" })
        {
            Assert.Contains($"== {step}", output, StringComparison.Ordinal);
        }

        Assert.Contains("+ data source driver_trip_events (new)", output, StringComparison.Ordinal);
        Assert.Matches(@"driver_last_trip: done read \d+, written \d+,", output);

        var outOfOrder = Number(output, @"PushFeatures calls of 10; (\d+) arrive after a newer trip of their driver");
        var counts = CountsLine().Match(output);
        Assert.True(counts.Success, output);
        int Group(string name) => int.Parse(counts.Groups[name].Value, CultureInfo.InvariantCulture);
        Assert.Equal((300, 300), (Group("pushed"), Group("accepted")));
        Assert.Equal(300, Group("written") + Group("skipped"));
        // Every trip that arrives after a newer one of its driver is skipped; in-order trips superseded within a call are too.
        Assert.InRange(outOfOrder, 1, Group("skipped"));
        Assert.True(Group("late") > 0, counts.Value);

        // A regenerated repo: only this run's pushes were appended, beside the same history as the first run.
        var appended = AppendedTrips();
        Assert.Equal(300, appended.Count);
        Assert.Equal(300, Number(output, @"offline: (\d+) rows appended to data/driver_trip_events/"));
        Assert.Equal(HistoryRows(first.Output), HistoryRows(output));
        Assert.All(appended, t => Assert.True(t.IngestedAt > t.EventTime, $"trip {t.TripId}: ingested_at {t.IngestedAt:O} is not after its event time {t.EventTime:O}"));
        Assert.Equal(300, appended.Select(t => t.TripId).Distinct().Count());

        var newest = appended.GroupBy(t => t.DriverId).ToDictionary(g => g.Key, g => (Trip: g.MaxBy(t => t.EventTime)!, Pushed: g.Count()));
        var served = ServedRows().Matches(output);
        Assert.Equal(SampleTripEvents.Drivers, served.Count);
        Assert.Equal(newest.Keys.Order(), served.Select(m => long.Parse(m.Groups["driver"].Value, CultureInfo.InvariantCulture)));
        foreach (var row in served.Cast<Match>())
        {
            var (trip, pushed) = newest[long.Parse(row.Groups["driver"].Value, CultureInfo.InvariantCulture)];
            Assert.Equal(trip.TripId, long.Parse(row.Groups["trip"].Value, CultureInfo.InvariantCulture));
            Assert.Equal(trip.FareEur.ToString("0.00", CultureInfo.InvariantCulture), row.Groups["fare"].Value);
            Assert.Equal(trip.DistanceKm.ToString("0.0", CultureInfo.InvariantCulture), row.Groups["distance"].Value);
            Assert.Equal(trip.EventTime.UtcDateTime.ToString("HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), row.Groups["time"].Value);
            Assert.Equal(pushed, int.Parse(row.Groups["pushed"].Value, CultureInfo.InvariantCulture));
        }

        Assert.Matches(@"push-to-served \(PushFeatures call start to GetOnlineFeatures returning the value, per call\): p50 \d+\.\d ms, max \d+\.\d ms \(the aim: within a second\)", output);
        Assert.Contains("every driver serves its newest trip", output, StringComparison.Ordinal);
        Assert.Contains("`featurestore ingest`", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_driver_serving_an_older_trip_is_named_with_both_trips()
    {
        var at = new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);
        var newest = new TripEvent(1003, at, 2_000_150, 18.4, 7.5f);
        var served = new ServedTrip(1003, FieldStatus.Present, 2_000_140, at.AddSeconds(-12), 11.2, 4.1f);

        Assert.Equal(
            "driver 1003: served trip 2000140 (09:29:48.000Z, 11.2 EUR, 4.1 km) but its newest pushed trip is 2000150 (09:30:00.000Z, 18.4 EUR, 7.5 km)",
            served.Problem(newest));
        Assert.Equal(
            "driver 1003: driver_last_trip is MISSING after its trips were pushed; expected trip 2000150 (09:30:00.000Z)",
            (served with { Status = FieldStatus.Missing }).Problem(newest));
        Assert.Null((served with { TripId = newest.TripId, EventTime = at, FareEur = 18.4, DistanceKm = 7.5f }).Problem(newest));
    }

    private List<AppendedTrip> AppendedTrips()
    {
        var trips = new List<AppendedTrip>();
        foreach (var file in Directory.EnumerateFiles(_repo.PathOf(SampleRepo.TripEventsFolder), "stream-*.parquet", SearchOption.AllDirectories))
        {
            using var reader = ParquetFileReader.Open(file);
            var batch = reader.ReadAll();
            var drivers = (Int64Column)batch["driver_id"];
            var events = (Int64Column)batch["event_timestamp"];
            var ingested = (Int64Column)batch["ingested_at"];
            var ids = (Int64Column)batch["trip_id"];
            var fares = (DoubleColumn)batch["fare_eur"];
            var distances = (FloatColumn)batch["distance_km"];
            for (var row = 0; row < batch.RowCount; row++)
            {
                trips.Add(new AppendedTrip(drivers.Values[row], Micros(events.Values[row]), Micros(ingested.Values[row]), ids.Values[row], fares.Values[row], distances.Values[row]));
            }
        }

        return trips;
    }

    private static DateTimeOffset Micros(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10);

    private static long HistoryRows(string output) => long.Parse(
        Regex.Match(output, @"beside its ([\d,]+) rows of history").Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    private static int Number(string output, string pattern)
    {
        var match = Regex.Match(output, pattern);
        Assert.True(match.Success, $"no '{pattern}' in:\n{output}");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"pushed (?<pushed>\d+), accepted (?<accepted>\d+), written online (?<written>\d+), skipped as older (?<skipped>\d+) \(than the driver's stored trip or a newer one in the same call\), late (?<late>\d+)")]
    private static partial Regex CountsLine();

    [GeneratedRegex(@"^  (?<driver>\d{4})\s+(?<trip>\d+)\s+(?<fare>\d+\.\d\d)\s+(?<distance>\d+\.\d)\s+(?<time>\d\d:\d\d:\d\d\.\d{3}Z)\s+(?<pushed>\d+)$", RegexOptions.Multiline)]
    private static partial Regex ServedRows();
}
