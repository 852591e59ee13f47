using System.Diagnostics;
using System.Globalization;
using System.Text;
using FeatureStore.Cli.Sample;
using FeatureStore.Client;
using FeatureStore.Parquet;
using FeatureStore.Serving.V1;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace FeatureStore.Cli.Commands;

/// <summary>
/// The quickstart's streaming step, on the running feature server: push the sample's live trip events (out of order) to
/// the push source driver_trip_events with PushFeatures in small calls, reading the drivers of each call back with
/// GetOnlineFeatures right after it (push-to-served time); then print the counts the server returned, the rows appended
/// to the source's Parquet history, and what each driver serves now. Fails when a driver does not serve its newest trip,
/// or when the appended rows do not add up to the accepted ones.
/// </summary>
internal static class StreamingQuickstart
{
    public const string View = "driver_last_trip";
    private const int CallSize = 10;
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    public static async Task RunAsync(QuickstartServer server, string repoDir, TextWriter output, CancellationToken ct)
    {
        var folder = Path.Combine(repoDir, SampleRepo.TripEventsFolder);
        var historyRows = RowsIn(folder, "part-*.parquet");
        var arrivals = SampleTripEvents.InArrivalOrder(DateTimeOffset.UtcNow);
        var calls = arrivals.Chunk(CallSize).ToList();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"pushing {arrivals.Count} trip events of {SampleTripEvents.Drivers} drivers (the last 5 minutes) in {calls.Count} PushFeatures calls of {CallSize}; " +
            $"{SampleTripEvents.ArrivingAfterANewerOne(arrivals)} arrive after a newer trip of their driver")).ConfigureAwait(false);

        var newest = new Dictionary<long, TripEvent>();
        var pushedPerDriver = new Dictionary<long, int>();
        var latencies = new List<TimeSpan>(calls.Count);
        int accepted = 0, written = 0, skipped = 0, late = 0;
        foreach (var call in calls)
        {
            foreach (var trip in call)
            {
                pushedPerDriver[trip.DriverId] = pushedPerDriver.GetValueOrDefault(trip.DriverId) + 1;
                if (!newest.TryGetValue(trip.DriverId, out var held) || trip.EventTime > held.EventTime)
                {
                    newest[trip.DriverId] = trip;
                }
            }

            var drivers = call.Select(t => t.DriverId).Distinct().ToArray();
            var watch = Stopwatch.StartNew();
            var reply = await server.Client.PushFeaturesAsync(Request(call), CallTimeout, ct).ConfigureAwait(false);
            var served = await ReadAsync(server.Client, drivers, ct).ConfigureAwait(false);
            latencies.Add(watch.Elapsed);
            (accepted, written, skipped, late) = (accepted + reply.Accepted, written + reply.WrittenOnline, skipped + reply.SkippedOlder, late + reply.Late);
            Check(served, newest);
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"pushed {arrivals.Count}, accepted {accepted}, written online {written}, skipped as older {skipped} (than the driver's stored trip or a newer one in the same call), late {late} (over 10s behind the newest event seen)")).ConfigureAwait(false);

        var appendedFiles = Directory.GetFiles(folder, "stream-*.parquet", SearchOption.AllDirectories).Length;
        var appended = RowsIn(folder, "stream-*.parquet");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"offline: {appended} rows appended to {SampleRepo.TripEventsFolder}/ in {appendedFiles} files beside its {historyRows:N0} rows of history, ingested_at = the push time")).ConfigureAwait(false);
        if (appended != accepted)
        {
            throw new CliUserException($"quickstart streaming step: {appended} rows were appended to {SampleRepo.TripEventsFolder}/ for {accepted} accepted trip events");
        }

        var ordered = latencies.Order().ToList();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"push-to-served (PushFeatures call start to GetOnlineFeatures returning the value, per call): p50 {Millis(ordered[ordered.Count / 2])}, max {Millis(ordered[^1])} (the aim: within a second)")).ConfigureAwait(false);

        var all = newest.Keys.Order().ToArray();
        var final = await ReadAsync(server.Client, all, ct).ConfigureAwait(false);
        Check(final, newest);
        await output.WriteLineAsync($"served now (GetOnlineFeatures, {View}):").ConfigureAwait(false);
        await output.WriteAsync(Table(final, pushedPerDriver)).ConfigureAwait(false);
        await output.WriteLineAsync("every driver serves its newest trip, whatever order its trips arrived in").ConfigureAwait(false);
        await output.WriteLineAsync(
            "Kafka sources take the same path: `featurestore ingest` consumes their topic and validates, writes online through the same event-time guard and appends offline (docs/streaming.md)").ConfigureAwait(false);
    }

    private static PushFeaturesRequest Request(IEnumerable<TripEvent> trips)
    {
        var request = new PushFeaturesRequest { FeatureView = View };
        foreach (var trip in trips)
        {
            var row = new PushRow();
            row.Columns["driver_id"] = new Value { Int64Val = trip.DriverId };
            row.Columns["event_timestamp"] = new Value { TimestampVal = Timestamp.FromDateTimeOffset(trip.EventTime) };
            row.Columns["trip_id"] = new Value { Int64Val = trip.TripId };
            row.Columns["fare_eur"] = new Value { DoubleVal = trip.FareEur };
            row.Columns["distance_km"] = new Value { FloatVal = trip.DistanceKm };
            request.Rows.Add(row);
        }

        return request;
    }

    private static async Task<IReadOnlyList<ServedTrip>> ReadAsync(FeatureServingClient client, long[] drivers, CancellationToken ct)
    {
        var query = OnlineFeatureQuery.ForFeatures(ServedTrip.Features).WithEntities("driver_id", drivers);
        var result = await client.GetOnlineFeaturesAsync(query, CallTimeout, ct).ConfigureAwait(false);
        return [.. drivers.Select((driver, row) => ServedTrip.Read(result, row, driver))];
    }

    private static void Check(IReadOnlyList<ServedTrip> served, Dictionary<long, TripEvent> newest)
    {
        foreach (var trip in served)
        {
            if (trip.Problem(newest[trip.DriverId]) is { } problem)
            {
                throw new CliUserException($"quickstart streaming step: {problem}");
            }
        }
    }

    private static string Table(IReadOnlyList<ServedTrip> served, Dictionary<long, int> pushed)
    {
        var text = new StringBuilder();
        text.AppendLine("  DRIVER  TRIP ID  FARE EUR  DISTANCE KM  EVENT TIME     TRIPS PUSHED");
        foreach (var trip in served)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"  {trip.DriverId,-6}  {trip.TripId,-7}  {trip.FareEur,-8:0.00}  {trip.DistanceKm,-11:0.0}  {ServedTrip.Time(trip.EventTime),-13}  {pushed[trip.DriverId]}"));
        }

        return text.ToString();
    }

    private static long RowsIn(string folder, string pattern) =>
        Directory.GetFiles(folder, pattern, SearchOption.AllDirectories).Sum(path =>
        {
            using var reader = ParquetFileReader.Open(path);
            return reader.RowCount;
        });

    private static string Millis(TimeSpan time) => string.Create(CultureInfo.InvariantCulture, $"{time.TotalMilliseconds:0.0} ms");
}
