using System.Runtime.CompilerServices;

namespace FeatureStore.Materialization.Source;

/// <summary>
/// Which history rows a run reads for a view, in UTC ticks, all bounds inclusive. A row is in the window when its event
/// time is ≤ <see cref="EventEnd"/> and either its event time is ≥ <see cref="EventStart"/> or (when
/// <see cref="CreatedStart"/> is set) its created time is ≥ <see cref="CreatedStart"/>; with a created bound every row
/// must also have created time ≤ <see cref="CreatedEnd"/> (rows created later wait for the next run).
/// </summary>
internal sealed record MaterializationWindow(long EventStart, long EventEnd, long? CreatedStart = null, long? CreatedEnd = null)
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Contains(long eventTicks, long createdTicks)
    {
        if (eventTicks > EventEnd)
            return false;
        if (CreatedEnd is { } createdEnd && createdTicks != SourceRow.NoCreated && createdTicks > createdEnd)
            return false;
        return eventTicks >= EventStart || (CreatedStart is { } createdStart && createdTicks != SourceRow.NoCreated && createdTicks >= createdStart);
    }

    /// <summary>Rows whose event time is below this can only enter through the created bound.</summary>
    public long LowestEvent => CreatedStart is null ? EventStart : long.MinValue;
}
