namespace FeatureStore.Sdk.Access;

/// <summary>
/// Decides when a writer of audit lines also purges the lines older than the retention: at most once per
/// <see cref="Interval"/>, the first time on the first write. Thread-safe: of racing callers, one wins the turn.
/// </summary>
internal sealed class AuditPurgeSchedule
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    private long lastPurgeTicks = long.MinValue;

    /// <summary>True when a purge is due at <paramref name="now"/>; the caller then purges, and the next turn is an interval later.</summary>
    public bool TryClaim(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref lastPurgeTicks);
        if (last != long.MinValue && now.UtcTicks - last < Interval.Ticks)
            return false;
        return Interlocked.CompareExchange(ref lastPurgeTicks, now.UtcTicks, last) == last;
    }
}
