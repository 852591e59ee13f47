using FeatureStore.Parquet;

namespace FeatureStore.Offline;

/// <summary>
/// One row group of a view's source and how much of it the join needs: <see cref="UnitKind.Full"/> (may hold candidates) or
/// <see cref="UnitKind.BelowWindow"/> (every row is older than the earliest TTL window: only its keys matter, to tell OUTSIDE_TTL from MISSING).
/// </summary>
internal sealed record SourceUnit(int Ordinal, DatasetRowGroup RowGroup, UnitKind Kind);

internal enum UnitKind
{
    Full,
    BelowWindow,
}
