namespace FeatureStore.Serving.Metrics;

/// <summary>Per feature view: served-value ages, status counts and the newest event timestamp written (for the freshness gauge).</summary>
public sealed class ViewMetrics(string view)
{
    private readonly long[] statusCounts = new long[ServedStatuses.Count];
    private long newestEventTicks;

    public string View { get; } = view;

    /// <summary>Request time minus event time of every row served from this view, in seconds.</summary>
    public Histogram ServedValueAge { get; } = new(Histogram.AgeBounds);

    public void CountStatus(ServedStatus status, int count = 1) => Interlocked.Add(ref statusCounts[(int)status], count);

    public long StatusCount(ServedStatus status) => Volatile.Read(ref statusCounts[(int)status]);

    /// <summary>The newest event timestamp written to the view (materialization, pushes); null when nothing was written yet.</summary>
    public DateTimeOffset? NewestEventTimestamp
    {
        get
        {
            var ticks = Volatile.Read(ref newestEventTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }

        set => Volatile.Write(ref newestEventTicks, value?.UtcTicks ?? 0);
    }
}
