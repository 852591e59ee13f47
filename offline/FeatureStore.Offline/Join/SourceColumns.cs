using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Offline;

/// <summary>
/// The columns every file of a source must have (timestamps, join keys, features, by their source names) and the check of
/// one file's schema against them. The engine and plan-time validation (<see cref="Validation.SourceDataValidator"/>) share it.
/// </summary>
internal static class SourceColumns
{
    public static IReadOnlyList<ColumnNeed> Needs(ResolvedView view) => Needs(view.Source, view.JoinKeys, view.Features);

    public static IReadOnlyList<ColumnNeed> Needs(DataSourceDefinition source, IEnumerable<ResolvedJoinKey> keys, IEnumerable<ResolvedFeature> features)
    {
        var needs = new List<ColumnNeed> { new(source.TimestampField, "timestamp_field", ColumnUse.Timestamp, FeatureType.Timestamp) };
        if (source.CreatedTimestampField is { } created)
        {
            needs.Add(new ColumnNeed(created, "created_timestamp_field", ColumnUse.Timestamp, FeatureType.Timestamp));
        }

        needs.AddRange(keys.Select(k => new ColumnNeed(k.SourceColumn, $"join key '{k.Name}' of entity '{k.Entity}'", ColumnUse.JoinKey, k.Type)));
        needs.AddRange(features.Select(f => new ColumnNeed(f.SourceColumn, $"feature '{f.Reference}'", ColumnUse.Feature, f.Definition.Type)));
        return [.. needs.Distinct()];
    }

    public static IEnumerable<ColumnMismatch> Mismatches(IReadOnlyList<ColumnNeed> needs, ParquetSchema schema)
    {
        foreach (var need in needs)
        {
            var index = schema.IndexOf(need.Column);
            if (index < 0)
            {
                yield return new ColumnMismatch(need, null);
            }
            else if (!need.Accepts(schema[index].Type))
            {
                yield return new ColumnMismatch(need, schema[index]);
            }
        }
    }

    /// <summary>Throws, naming the file, column and both types, when one file of the view's source cannot feed it.</summary>
    public static void Check(ResolvedView view, IReadOnlyList<ColumnNeed> needs, ParquetSchema schema, string path)
    {
        if (Mismatches(needs, schema).FirstOrDefault() is { } mismatch)
        {
            throw new TrainingSetException($"data source '{view.Source.Name}' of feature view '{view.Name}': {mismatch.Describe(path)}");
        }
    }
}
