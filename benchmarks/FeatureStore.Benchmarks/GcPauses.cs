using System.Diagnostics.Tracing;
using System.Globalization;

namespace FeatureStore.Benchmarks;

/// <summary>
/// This process's GC pauses from the runtime's own GC events, listened to in process: how many, their total, the part
/// spent suspending threads (every managed thread must reach a safe point; on 2 shared cores a descheduled thread makes
/// everyone wait), bytes promoted out of gen0 (what each young collection had to copy), and each pause's start and end
/// for <see cref="GcClearCalls"/>. Tells a slow suspension from a slow collection, which need different cures.
/// </summary>
internal sealed class GcPauses : EventListener
{
    private const int RestartEnd = 3, HeapStats = 4, SuspendEnd = 8, SuspendBegin = 9;
    private readonly object gate = new();
    private DateTime suspendBegan;
    private DateTime suspended;
    private readonly List<(DateTime Start, DateTime End)> recent = [];
    private Totals totals;

    public Totals Now()
    {
        lock (gate)
            return totals;
    }

    /// <summary>The pauses (UTC, from the events' own time stamps) that ended after <paramref name="since"/>, oldest first.</summary>
    public List<(DateTime Start, DateTime End)> Since(DateTime since)
    {
        lock (gate)
            return recent.FindAll(p => p.End >= since);
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, EventLevel.Informational, (EventKeywords)0x1); // GC keyword
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        lock (gate)
        {
            switch (e.EventId)
            {
                case SuspendBegin:
                    suspendBegan = e.TimeStamp;
                    break;
                case SuspendEnd:
                    suspended = e.TimeStamp;
                    break;
                case HeapStats:
                    totals = totals with
                    {
                        Promoted = totals.Promoted + Convert.ToInt64(e.Payload![e.PayloadNames!.IndexOf("TotalPromotedSize0")]),
                        Pinned = Convert.ToInt64(e.Payload![e.PayloadNames!.IndexOf("PinnedObjectCount")]),
                        Handles = Convert.ToInt64(e.Payload![e.PayloadNames!.IndexOf("GCHandleCount")]),
                        FinalizationPromoted = totals.FinalizationPromoted + Convert.ToInt64(e.Payload![e.PayloadNames!.IndexOf("FinalizationPromotedCount")]),
                    };
                    break;
                case RestartEnd when suspendBegan != default && suspended >= suspendBegan:
                    var suspension = suspended - suspendBegan;
                    var pause = e.TimeStamp - suspendBegan;
                    totals = totals with { Pauses = totals.Pauses + 1, Suspension = totals.Suspension + suspension, Pause = totals.Pause + pause };
                    if (recent.Count == 100_000)
                        recent.RemoveRange(0, 50_000);
                    recent.Add((suspendBegan, e.TimeStamp));
                    suspendBegan = default;
                    break;
            }
        }
    }

    /// <summary>Pauses so far in this process.</summary>
    public readonly record struct Totals(int Pauses, TimeSpan Suspension, TimeSpan Pause, long Promoted, long Pinned, long Handles, long FinalizationPromoted)
    {
        public static Totals operator -(Totals end, Totals start) => new(
            end.Pauses - start.Pauses, end.Suspension - start.Suspension, end.Pause - start.Pause, end.Promoted - start.Promoted, end.Pinned, end.Handles,
            end.FinalizationPromoted - start.FinalizationPromoted);

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Pauses} pauses {Pause.TotalMilliseconds:F0} ms of which suspending {Suspension.TotalMilliseconds:F1} ms, gen0 promoted {Promoted / 1024.0:N0} KB, finalization promoted {FinalizationPromoted}, last: pinned {Pinned} handles {Handles}");
    }
}
