using FeatureStore.Online;

namespace FeatureStore.Materialization.Source;

/// <summary>
/// One history row of a view: its entity key, feature values (in the view's feature order), event and created UTC
/// ticks (<see cref="NoCreated"/> when the source has no created column) and where it came from (for error messages).
/// </summary>
internal sealed record SourceRow(EntityKey Key, FeatureValue[] Values, long EventTicks, long CreatedTicks, string File, long RowInFile)
{
    public const long NoCreated = long.MinValue;

    /// <summary>True when this row beats <paramref name="other"/> for the same entity: later event time, then later created time.</summary>
    public bool IsNewerThan(SourceRow other) =>
        EventTicks != other.EventTicks ? EventTicks > other.EventTicks : CreatedTicks > other.CreatedTicks;

    public string Where => $"{File} row {RowInFile}";
}
