using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Offline;

/// <summary>Checks that a spine or source column can hold a join key of the entity's declared type.</summary>
internal static class KeyColumns
{
    public static void Check(ParquetField field, ResolvedJoinKey key, string where)
    {
        if (!SourceTypes.CanKey(key.Type, field.Type))
        {
            throw new TrainingSetException(
                $"{where} column '{field.Name}' has type {field.Type}, but join key '{key.Name}' of entity '{key.Entity}' is {key.Type.Name()}");
        }
    }

    public static bool IsInteger(FeatureType type) => type is FeatureType.Int32 or FeatureType.Int64;

    public static long GetInteger(Column column, int row) => column switch
    {
        Int64Column longs => longs.Values[row],
        Int32Column ints => ints.Values[row],
        _ => throw new InvalidOperationException($"not an integer key column: {column.GetType().Name}"),
    };
}
