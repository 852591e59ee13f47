using System.Collections.Concurrent;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Serving.Access;

/// <summary>
/// The in-memory side of the online PII audit: one <see cref="PiiReadCounter"/> per (principal, "view:feature"),
/// handed to read plans once per principal, and harvested into audit lines by <see cref="AuditFlusher"/>.
/// </summary>
internal sealed class OnlineReadAudit
{
    private readonly ConcurrentDictionary<(string Principal, string Subject), PiiReadCounter> counters = new();

    public PiiReadCounter Counter(string principal, string subject) =>
        counters.GetOrAdd((principal, subject), static key => new PiiReadCounter(key.Principal, key.Subject));

    /// <summary>The audit lines of every minute before <paramref name="now"/>'s minute (of every minute when <paramref name="includeCurrent"/>).</summary>
    public List<AuditEntry> TakeFinished(DateTimeOffset now, bool includeCurrent)
    {
        var currentMinute = MinuteOf(now.UtcTicks);
        var lines = new List<AuditEntry>();
        foreach (var counter in counters.Values)
        {
            counter.TakeFinished(currentMinute, includeCurrent, lines);
        }

        return lines;
    }

    public static long MinuteOf(long utcTicks) => utcTicks / TimeSpan.TicksPerMinute;
}
