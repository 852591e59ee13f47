namespace FeatureStore.Cli.Sample;

/// <summary>One completed trip as the dispatch service pushes it to the <c>driver_trip_events</c> source.</summary>
internal sealed record TripEvent(long DriverId, DateTimeOffset EventTime, long TripId, double FareEur, float DistanceKm);

/// <summary>
/// The quickstart's live trip events: <see cref="Count"/> trips of the first <see cref="Drivers"/> sample drivers over the
/// last five minutes before <c>now</c>, one about every second, seeded (the same every run but for the clock). They arrive
/// out of order the way a real producer's retries and slow links deliver them: about one in six arrives 5 to 40 events
/// late, often after a newer trip of the same driver, which must never replace the newer value online.
/// </summary>
internal static class SampleTripEvents
{
    public const int Count = 300;
    public const int Drivers = 5;
    public const long FirstTripId = 2_000_001;

    /// <summary>The events in the order they are pushed (arrival order, not event-time order).</summary>
    public static IReadOnlyList<TripEvent> InArrivalOrder(DateTimeOffset now)
    {
        var random = new SampleDistributions(5);
        var first = DateTimeOffset.FromUnixTimeMilliseconds(now.AddSeconds(-Count - 1).ToUnixTimeMilliseconds());
        var events = new List<(TripEvent Event, double Arrival)>(Count);
        for (var i = 0; i < Count; i++)
        {
            var distance = SampleDistributions.Clamp(random.LogNormal(1.6, 0.6), 0.5, 60);
            var trip = new TripEvent(
                SampleHistory.FirstDriverId + random.Int(0, Drivers),
                first.AddMilliseconds((i * 1000) + random.Int(0, 900)),
                FirstTripId + i,
                SampleHistory.TripFare(random, distance),
                (float)Math.Round(distance, 1));
            var delay = random.Chance(1.0 / 6) ? random.Int(5, 41) + 0.5 : 0;
            events.Add((trip, i + delay));
        }

        return [.. events.OrderBy(e => e.Arrival).Select(e => e.Event)];
    }

    /// <summary>Events that arrive after a newer event of the same driver (the event-time guard keeps them from being served).</summary>
    public static int ArrivingAfterANewerOne(IReadOnlyList<TripEvent> arrivals)
    {
        var newest = new Dictionary<long, DateTimeOffset>();
        var count = 0;
        foreach (var trip in arrivals)
        {
            if (newest.TryGetValue(trip.DriverId, out var seen) && seen > trip.EventTime)
            {
                count++;
                continue;
            }

            newest[trip.DriverId] = trip.EventTime;
        }

        return count;
    }
}
