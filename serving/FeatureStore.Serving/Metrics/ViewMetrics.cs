using Prometheus;

namespace FeatureStore.Serving.Metrics;

/// <summary>Per feature view: served-value ages, status counts and the newest event timestamp written (for the freshness gauge).</summary>
public sealed class ViewMetrics
{
    private readonly Counter.Child[] statusCounts = new Counter.Child[ServedStatuses.Count];
    private readonly Gauge.Child freshness;
    private long newestEventTicks;

    internal ViewMetrics(string view, Histogram ageFamily, Counter statusFamily, Gauge freshnessFamily)
    {
        View = view;
        ServedValueAge = ageFamily.WithLabels(view);
        for (var s = 0; s < ServedStatuses.Count; s++)
        {
            statusCounts[s] = statusFamily.WithLabels(view, ((ServedStatus)s).Label());
        }

        freshness = freshnessFamily.WithLabels(view);
    }

    public string View { get; }

    /// <summary>Request time minus event time of every row served from this view, in seconds.</summary>
    public IHistogram ServedValueAge { get; }

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

    public void CountStatus(ServedStatus status, int count = 1) => statusCounts[(int)status].Inc(count);

    public long StatusCount(ServedStatus status) => (long)statusCounts[(int)status].Value;

    /// <summary>Sets the freshness gauge to <paramref name="now"/> minus the newest event time; the gauge is absent until something was written.</summary>
    internal void SetFreshness(DateTimeOffset now)
    {
        if (NewestEventTimestamp is { } newest)
        {
            freshness.Set((now - newest).TotalSeconds);
        }
    }
}
