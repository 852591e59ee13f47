using System.Diagnostics.Tracing;

namespace FeatureStore.Benchmarks;

/// <summary>
/// Which types a piece of code allocates: listens to the runtime's GC AllocationTick events (one about every 100 KB
/// allocated, naming the type of the object that crossed the mark), so the counts are a sample proportional to bytes.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Dictionary<string, long> bytesByType = new(StringComparer.Ordinal);
    private volatile bool recording;

    /// <summary>Starts a new sample (what an earlier one counted is dropped).</summary>
    public void Start()
    {
        lock (bytesByType)
            bytesByType.Clear();
        recording = true;
    }

    /// <summary>Stops recording; returns the top types by sampled bytes with their share of all sampled bytes.</summary>
    public IReadOnlyList<(string Type, double Share)> Stop(int top)
    {
        recording = false;
        lock (bytesByType)
        {
            var total = (double)Math.Max(1, bytesByType.Values.Sum());
            return [.. bytesByType.OrderByDescending(p => p.Value).Take(top).Select(p => (p.Key, p.Value / total))];
        }
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!recording || e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.PayloadNames is null)
            return;
        var type = e.Payload![e.PayloadNames.IndexOf("TypeName")] as string ?? "?";
        var amountIndex = e.PayloadNames.IndexOf("AllocationAmount64");
        var amount = amountIndex >= 0 ? Convert.ToInt64(e.Payload[amountIndex]) : 100_000;
        lock (bytesByType)
            bytesByType[type] = bytesByType.GetValueOrDefault(type) + amount;
    }
}
