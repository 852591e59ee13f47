using FeatureStore.Online;

namespace FeatureStore.Materialization.Source;

/// <summary>
/// One history row of a view: its entity key, feature values (in the view's feature order), event and created UTC
/// ticks (<see cref="NoCreated"/> when the source has no created column) and where it came from. Built only for rows the
/// quality gate rejects (quarantine file, error messages); the scan keeps rows columnar in <see cref="ScannedRows"/>.
/// </summary>
internal sealed record SourceRow(EntityKey Key, FeatureValue[] Values, long EventTicks, long CreatedTicks, string File, long RowInFile)
{
    public const long NoCreated = long.MinValue;

    public string Where => $"{File} row {RowInFile}";
}
