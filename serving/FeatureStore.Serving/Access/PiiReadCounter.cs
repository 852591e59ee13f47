using FeatureStore.Registry.Storage;

namespace FeatureStore.Serving.Access;

/// <summary>
/// Values of one personal or sensitive feature served to one principal, counted per minute. A call adds to the
/// current minute; when a later minute starts, the finished one is kept aside until the flusher takes it.
/// </summary>
internal sealed class PiiReadCounter(string principal, string subject)
{
    private readonly Lock gate = new();
    private readonly List<(long Minute, long Count)> finished = [];
    private long minute = -1;
    private long count;

    public string Principal { get; } = principal;

    /// <summary>"view:feature".</summary>
    public string Subject { get; } = subject;

    public void Add(long minuteIndex, long values)
    {
        if (values == 0)
        {
            return;
        }

        lock (gate)
        {
            if (minuteIndex != minute)
            {
                if (count > 0)
                {
                    finished.Add((minute, count));
                }

                minute = minuteIndex;
                count = 0;
            }

            count += values;
        }
    }

    /// <summary>Moves every minute before <paramref name="currentMinute"/> (every minute at all when <paramref name="includeCurrent"/>) into <paramref name="lines"/>.</summary>
    public void TakeFinished(long currentMinute, bool includeCurrent, List<AuditEntry> lines)
    {
        lock (gate)
        {
            foreach (var (m, c) in finished)
            {
                lines.Add(Line(m, c));
            }

            finished.Clear();
            if (count > 0 && (includeCurrent || minute < currentMinute))
            {
                lines.Add(Line(minute, count));
                count = 0;
            }
        }
    }

    private AuditEntry Line(long minuteIndex, long values) =>
        new(new DateTimeOffset(minuteIndex * TimeSpan.TicksPerMinute, TimeSpan.Zero), Principal, AuditActions.OnlineRead, Subject, Count: values);
}
