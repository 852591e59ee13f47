namespace FeatureStore.Online;

/// <summary>
/// Whether a stored row is too old to serve: the view's TTL, judged at read time (the training side judges it at the
/// spine timestamp, so both agree). A view without TTL never expires. The store returns rows as written; readers call this.
/// </summary>
public static class OnlineTtl
{
    /// <param name="eventTicks">The row's event time in UTC ticks.</param>
    /// <param name="ttlTicks">The view's TTL in ticks; 0 or less means none.</param>
    /// <param name="nowTicks">The read time in UTC ticks.</param>
    public static bool IsExpired(long eventTicks, long ttlTicks, long nowTicks) => ttlTicks > 0 && nowTicks - eventTicks > ttlTicks;

    public static bool IsExpired(DateTimeOffset eventTimestamp, TimeSpan? ttl, DateTimeOffset now) =>
        IsExpired(eventTimestamp.UtcTicks, ttl?.Ticks ?? 0, now.UtcTicks);
}
