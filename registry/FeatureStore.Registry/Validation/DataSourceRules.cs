using FeatureStore.Registry.Model;

namespace FeatureStore.Registry.Validation;

/// <summary>Data sources: a path, a timestamp field, and a field mapping whose targets do not collide.</summary>
internal static class DataSourceRules
{
    public static void Check(IReadOnlyList<DataSourceDefinition> sources, ProblemCollector problems)
    {
        foreach (var source in sources)
        {
            Check(source, problems);
        }
    }

    private static void Check(DataSourceDefinition source, ProblemCollector problems)
    {
        if (string.IsNullOrWhiteSpace(source.Path))
        {
            problems.Add(ObjectKind.DataSource, source.Name, "path",
                $"data source '{source.Name}' has no path; set path to a Parquet file, directory or glob (relative to the repo)");
        }

        if (string.IsNullOrWhiteSpace(source.TimestampField))
        {
            problems.Add(ObjectKind.DataSource, source.Name, "timestamp_field",
                $"data source '{source.Name}' has no timestamp_field; name the column holding each row's event time");
        }

        if (source.FieldMapping is { Count: > 0 } mapping)
        {
            CheckMapping(source.Name, "field_mapping", mapping, problems);
        }
    }

    /// <summary>Empty names and renames colliding on one column; <paramref name="field"/> is the mapping's key path ("field_mapping", "stream.field_mapping").</summary>
    internal static void CheckMapping(string sourceName, string field, IReadOnlyDictionary<string, string> mapping, ProblemCollector problems)
    {
        foreach (var (from, to) in mapping.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to))
            {
                problems.Add(ObjectKind.DataSource, sourceName, $"{field}.{from}",
                    $"{field} of data source '{sourceName}' has an empty column name ('{from}' -> '{to}')");
            }
        }

        var collisions = mapping
            .GroupBy(m => m.Value, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in collisions)
        {
            var sources = group.Select(m => m.Key).Order(StringComparer.Ordinal).ToList();
            problems.Add(ObjectKind.DataSource, sourceName, $"{field}.{sources[^1]}",
                $"{field} of data source '{sourceName}' renames {string.Join(" and ", sources.Select(s => $"'{s}'"))} to the same column '{group.Key}'");
        }
    }
}
