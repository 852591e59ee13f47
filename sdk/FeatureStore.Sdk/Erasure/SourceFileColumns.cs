using FeatureStore.Parquet;

namespace FeatureStore.Sdk.Erasure;

/// <summary>Where a join key is in one source file: a column of the file, or the value of a hive folder above it.</summary>
internal sealed record SourceFileColumn(string? Column, ParquetType? Type, string? FolderValue)
{
    public static SourceFileColumn Locate(DatasetFile file, ParquetSchema schema, ScopedSource source, string joinKey, string viewName)
    {
        var candidates = source.Columns(joinKey);
        foreach (var candidate in candidates)
        {
            if (schema.IndexOf(candidate) is var index and >= 0)
                return new SourceFileColumn(candidate, schema[index].Type, null);
        }

        foreach (var candidate in candidates)
        {
            if (file.Partitions.TryGetValue(candidate, out var value))
                return new SourceFileColumn(null, null, value);
        }

        throw new FeatureStoreException(FeatureStoreErrorCode.Erasure,
            $"file {file.Path} of data source '{source.Source.Name}' has no column '{candidates[0]}' (join key {joinKey} of feature view '{viewName}')");
    }
}
