using System.Collections.Concurrent;

namespace FeatureStore.Streaming.Watermarks;

/// <summary>
/// Per (topic, partition): the newest event time seen. The watermark is that minus the source's allowed lateness; a record
/// older than the watermark as it stood before the record is late. Kept in memory: a restarted process starts afresh.
/// </summary>
internal sealed class WatermarkTracker
{
    private readonly ConcurrentDictionary<(string Topic, int Partition), long> newestTicks = new();

    /// <summary>Counts the record in and returns whether it was late.</summary>
    public bool Observe(RecordPosition position, DateTimeOffset eventTime, TimeSpan allowedLateness)
    {
        var key = (position.Topic, position.Partition);
        var ticks = eventTime.UtcTicks;
        var late = false;
        newestTicks.AddOrUpdate(key, ticks, (_, newest) =>
        {
            late = ticks < newest - allowedLateness.Ticks;
            return Math.Max(newest, ticks);
        });
        return late;
    }

    /// <summary>The partition's watermark, or null before its first record.</summary>
    public DateTimeOffset? Watermark(string topic, int partition, TimeSpan allowedLateness) =>
        newestTicks.TryGetValue((topic, partition), out var newest)
            ? new DateTimeOffset(Math.Max(DateTimeOffset.MinValue.UtcTicks, newest - allowedLateness.Ticks), TimeSpan.Zero)
            : null;
}
