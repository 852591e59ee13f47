using System.Globalization;
using FeatureStore.Cli.Sample;
using FeatureStore.Client;
using FeatureStore.Serving.V1;

namespace FeatureStore.Cli.Commands;

/// <summary>
/// A driver's driver_last_trip values as GetOnlineFeatures served them, and the check that they are the driver's newest
/// pushed trip (the event-time guard at work: whatever order trips arrived in, the newest one is served).
/// </summary>
internal sealed record ServedTrip(long DriverId, FieldStatus Status, long? TripId, DateTimeOffset? EventTime, double? FareEur, float? DistanceKm)
{
    public static readonly string[] Features = ["driver_last_trip:trip_id", "driver_last_trip:fare_eur", "driver_last_trip:distance_km"];

    /// <summary>Row <paramref name="row"/> of a result read with <see cref="Features"/>.</summary>
    public static ServedTrip Read(OnlineFeaturesResult result, int row, long driverId)
    {
        var trip = result[row, "trip_id"];
        return new ServedTrip(driverId, trip.Status, trip.Value as long?, trip.EventTimestamp,
            result[row, "fare_eur"].Value as double?, result[row, "distance_km"].Value as float?);
    }

    /// <summary>Null when this is <paramref name="newest"/>; otherwise one line saying what was served instead.</summary>
    public string? Problem(TripEvent newest)
    {
        if (Status != FieldStatus.Present)
        {
            return $"driver {DriverId}: driver_last_trip is {Status.Name()} after its trips were pushed; expected trip {newest.TripId} ({Time(newest.EventTime)})";
        }

        if (TripId != newest.TripId || EventTime != newest.EventTime || FareEur != newest.FareEur || DistanceKm != newest.DistanceKm)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"driver {DriverId}: served trip {TripId} ({Time(EventTime)}, {FareEur} EUR, {DistanceKm} km) but its newest pushed trip is {newest.TripId} ({Time(newest.EventTime)}, {newest.FareEur} EUR, {newest.DistanceKm} km)");
        }

        return null;
    }

    internal static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) : "no event time";
}
