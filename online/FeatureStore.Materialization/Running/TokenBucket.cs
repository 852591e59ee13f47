namespace FeatureStore.Materialization.Running;

/// <summary>Throttles writes to a rate (rows per second) with a one-second burst, so a large backfill does not swamp a shared store.</summary>
internal sealed class TokenBucket(double ratePerSecond, TimeProvider clock)
{
    private readonly double capacity = Math.Max(1, ratePerSecond);
    private double tokens = Math.Max(1, ratePerSecond);
    private long lastTimestamp = clock.GetTimestamp();

    /// <summary>Waits until <paramref name="count"/> tokens have been taken; counts above the burst are taken a burst at a time.</summary>
    public async Task TakeAsync(int count, CancellationToken ct)
    {
        double remaining = count;
        while (remaining > 0)
        {
            var want = Math.Min(remaining, capacity);
            Refill();
            if (tokens >= want)
            {
                tokens -= want;
                remaining -= want;
                continue;
            }

            var wait = TimeSpan.FromSeconds((want - tokens) / ratePerSecond);
            await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, clock, ct).ConfigureAwait(false);
        }
    }

    private void Refill()
    {
        var now = clock.GetTimestamp();
        tokens = Math.Min(capacity, tokens + (clock.GetElapsedTime(lastTimestamp, now).TotalSeconds * ratePerSecond));
        lastTimestamp = now;
    }
}
