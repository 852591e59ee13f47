using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Offline;

/// <summary>A column a source file must have: its name in the file, what it is for (e.g. "join key 'driver_id' of entity 'driver'") and the type it must feed.</summary>
internal sealed record ColumnNeed(string Column, string Role, ColumnUse Use, FeatureType Declared = default)
{
    public bool Accepts(ParquetType found) => Use switch
    {
        ColumnUse.Timestamp => SourceTypes.IsTimestamp(found),
        ColumnUse.JoinKey => SourceTypes.CanKey(Declared, found),
        _ => SourceTypes.CanFeed(Declared, found),
    };
}

internal enum ColumnUse
{
    Timestamp,
    JoinKey,
    Feature,
}
