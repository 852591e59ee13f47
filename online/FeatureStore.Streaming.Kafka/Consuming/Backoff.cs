namespace FeatureStore.Streaming.Kafka.Consuming;

/// <summary>Exponential waits between retries: 100 ms doubling up to a cap, back to the start after a success.</summary>
internal sealed class Backoff(TimeSpan cap)
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(100);
    private TimeSpan next = First;

    public TimeSpan Next()
    {
        var wait = next < cap ? next : cap;
        next = TimeSpan.FromTicks(Math.Min(cap.Ticks, next.Ticks * 2));
        return wait;
    }

    public void Reset() => next = First;
}
