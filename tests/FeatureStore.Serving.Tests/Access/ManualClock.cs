namespace FeatureStore.Serving.Tests.Access;

/// <summary>A clock the test moves by hand, so audit minutes finish when the test says so.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);

    /// <summary>The start of the current minute plus <paramref name="seconds"/>: a start that leaves a minute's room before the next boundary.</summary>
    public static ManualClock AtSecond(int seconds)
    {
        var now = DateTimeOffset.UtcNow;
        return new ManualClock(new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero).AddSeconds(seconds));
    }
}
