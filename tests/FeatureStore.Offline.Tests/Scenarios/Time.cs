namespace FeatureStore.Offline.Tests;

/// <summary>Test instants as epoch microseconds on a 30-minute grid starting 2024-03-01T00:00Z (so ties and TTL boundaries are exact).</summary>
internal static class Time
{
    public const long Slot = 30L * 60 * 1_000_000;

    public static readonly long Base = (new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static long At(double slots) => Base + (long)(slots * Slot);
}
