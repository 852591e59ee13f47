using FeatureStore.Parquet;

namespace FeatureStore.Offline;

/// <summary>Checks that a view's source has the key, timestamp and feature columns it needs, with usable types.</summary>
internal static class SourceColumns
{
    public static void Check(ResolvedView view, ParquetSchema schema)
    {
        var where = $"source {view.SourcePath} of feature view '{view.Name}'";
        foreach (var key in view.JoinKeys)
        {
            KeyColumns.Check(Require(schema, key.SourceColumn, where, $"join key '{key.Name}'"), key, where);
        }

        foreach (var column in TimestampNames(view))
        {
            var field = Require(schema, column, where, "timestamp");
            if (field.Type.Kind is not (ParquetTypeKind.Timestamp or ParquetTypeKind.Date or ParquetTypeKind.Int64))
            {
                throw new TrainingSetException($"{where}: timestamp column '{column}' has type {field.Type}, which is not a timestamp");
            }
        }

        foreach (var feature in view.Features)
        {
            var field = Require(schema, feature.SourceColumn, where, $"feature '{feature.Definition.Name}'");
            if (!FeatureValues.Accepts(feature.Definition.Type, field.Type))
            {
                throw new TrainingSetException(
                    $"{where}: column '{field.Name}' has type {field.Type}, which cannot hold feature '{feature.Reference}' declared {Registry.Model.FeatureTypes.Name(feature.Definition.Type)}");
            }
        }
    }

    public static IEnumerable<string> TimestampNames(ResolvedView view) =>
        view.Source.CreatedTimestampField is { } created ? [view.Source.TimestampField, created] : [view.Source.TimestampField];

    private static ParquetField Require(ParquetSchema schema, string column, string where, string role) =>
        schema.IndexOf(column) is var index and >= 0
            ? schema[index]
            : throw new TrainingSetException($"{where} has no column '{column}' ({role})");
}
