using FeatureStore.Offline;
using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Materialization.Source;

/// <summary>
/// Checks one file of a view's source against the view before any row is read, with the offline engine's table of
/// accepted Parquet types (<see cref="SourceTypes"/>; docs/point-in-time.md, "Source types"): files of one source may
/// differ, so every file is checked. A mismatch throws, naming the file, the column, the file's type and the declared type.
/// </summary>
internal static class SourceFileCheck
{
    public static void Check(FeatureViewDefinition view, DataSourceDefinition source, ViewColumns columns, ParquetSchema schema, string file)
    {
        string? problem = Timestamp(schema, columns.EventColumn, "timestamp_field", file);
        if (problem is null && columns.CreatedColumn is { } created)
            problem = Timestamp(schema, created, "created_timestamp_field", file);
        foreach (var key in columns.Keys)
        {
            problem ??= Typed(schema, key.Column, $"join key '{key.Name}' of entity '{key.Entity}'", key.Type, file, found => SourceTypes.CanKey(key.Type, found));
        }

        for (var f = 0; f < columns.Features.Count && problem is null; f++)
        {
            var feature = view.Features[f];
            problem = Typed(schema, columns.Features[f], $"feature '{LiveView.MaterializationKey(view)}:{feature.Name}'", feature.Type, file, found => SourceTypes.CanFeed(feature.Type, found));
        }

        if (problem is not null)
            throw new MaterializationException($"data source '{source.Name}' of feature view '{LiveView.MaterializationKey(view)}': {problem}");
    }

    private static string? Timestamp(ParquetSchema schema, string column, string role, string file)
    {
        var index = schema.IndexOf(column);
        if (index < 0)
            return $"file {file} has no column '{column}' ({role})";
        var found = schema[index].Type;
        return SourceTypes.IsTimestamp(found) ? null : $"file {file} column '{column}' ({role}) has type {found}, which is not {SourceTypes.TimestampKinds}";
    }

    private static string? Typed(ParquetSchema schema, string column, string role, FeatureType declared, string file, Func<ParquetType, bool> accepts)
    {
        var index = schema.IndexOf(column);
        if (index < 0)
            return $"file {file} has no column '{column}' ({role})";
        var found = schema[index].Type;
        return accepts(found) ? null : $"file {file} column '{column}' has type {found}, which cannot hold {role} declared {declared.Name()}";
    }
}
