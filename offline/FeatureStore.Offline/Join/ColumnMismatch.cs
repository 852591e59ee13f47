using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Offline;

/// <summary>A needed column that a file lacks (<see cref="Found"/> null) or holds in a type that cannot feed the declared one.</summary>
internal sealed record ColumnMismatch(ColumnNeed Need, ParquetField? Found)
{
    /// <summary>One sentence naming the file, the column, the file's type and the declared type.</summary>
    public string Describe(string file)
    {
        if (Found is null)
        {
            return $"file {file} has no column '{Need.Column}' ({Need.Role})";
        }

        return Need.Use == ColumnUse.Timestamp
            ? $"file {file} column '{Need.Column}' ({Need.Role}) has type {Found.Type}, which is not {SourceTypes.TimestampKinds}"
            : $"file {file} column '{Need.Column}' has type {Found.Type}, which cannot hold {Need.Role} declared {Need.Declared.Name()}";
    }
}
