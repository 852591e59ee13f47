using System.Diagnostics.Tracing;

namespace FeatureStore.Benchmarks.Streaming;

/// <summary>
/// The runtime's GC pauses as they happen (its GCSuspendEEBegin and GCRestartEEEnd events, read in process): how many,
/// their total and the longest, since the last <see cref="Reset"/>. A pause holds every thread, so it lands directly in
/// event-to-servable latency.
/// </summary>
internal sealed class GcPauses : EventListener
{
    private const int SuspendBegin = 9;
    private const int RestartEnd = 3;
    private readonly Lock gate = new();
    private DateTime? suspendedAt;
    private int count;
    private TimeSpan total;
    private TimeSpan longest;

    public (int Count, TimeSpan Total, TimeSpan Longest) Read()
    {
        lock (gate)
            return (count, total, longest);
    }

    public void Reset()
    {
        lock (gate)
            (count, total, longest) = (0, TimeSpan.Zero, TimeSpan.Zero);
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, EventLevel.Informational, (EventKeywords)0x1);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        lock (gate)
        {
            if (e.EventId == SuspendBegin)
            {
                suspendedAt = e.TimeStamp;
            }
            else if (e.EventId == RestartEnd && suspendedAt is { } start)
            {
                var pause = e.TimeStamp - start;
                count++;
                total += pause;
                longest = pause > longest ? pause : longest;
                suspendedAt = null;
            }
        }
    }
}
