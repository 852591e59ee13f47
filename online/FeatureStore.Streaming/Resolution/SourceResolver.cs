using System.Collections.Concurrent;
using FeatureStore.Registry.Model;

namespace FeatureStore.Streaming.Resolution;

/// <summary>
/// Resolves a data source name (and an optional view selection) into a <see cref="SourcePlan"/>, once per distinct
/// request: the source must exist and have a <c>stream:</c> block, selected views must be online views reading it. Every
/// live version of a selected view reading the source is written (<see cref="SourceVersions"/>), each with its own features.
/// </summary>
internal sealed class SourceResolver(RegistryDefinitions definitions, string repoDir)
{
    private readonly ConcurrentDictionary<string, SourcePlan> plans = new(StringComparer.Ordinal);

    public SourcePlan Resolve(string dataSource, IReadOnlyCollection<string>? views)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var selection = views is null ? null : views.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var cacheKey = selection is null ? dataSource : dataSource + "\0" + string.Join('\0', selection);
        return plans.TryGetValue(cacheKey, out var cached) ? cached : plans.GetOrAdd(cacheKey, _ => Build(dataSource, selection));
    }

    private SourcePlan Build(string dataSource, string[]? selection)
    {
        var source = definitions.DataSources.FirstOrDefault(s => s.Name == dataSource)
            ?? throw new StreamIngestionException($"unknown data source '{dataSource}'");
        if (source.Stream is not { } stream)
            throw new StreamIngestionException($"data source '{dataSource}' is not a stream or push source (it has no stream: block)");

        var reading = SourceVersions.Reading(definitions, source.Name);
        var selected = SourceVersions.Selected(definitions, source.Name, reading, selection);

        var reverse = (source.FieldMapping ?? new Dictionary<string, string>())
            .GroupBy(m => m.Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Key, StringComparer.Ordinal);
        string ColumnOf(string name) => reverse.GetValueOrDefault(name) ?? name;

        var columns = new Dictionary<string, SourceColumn>(StringComparer.Ordinal);
        var ordered = new List<SourceColumn>();
        void Add(SourceColumn column, bool retained)
        {
            if (columns.TryGetValue(column.Name, out var existing))
            {
                // A retained version may declare another type than the newest: the appended column keeps the newest's
                // type, and that version's online values are converted to its own type (RecordValidator).
                if (existing.Type != column.Type && !retained)
                    throw new StreamIngestionException(
                        $"data source '{source.Name}': column '{column.Name}' is {existing.Type.Name()} in view '{existing.DeclaredBy}' " +
                        $"but {column.Type.Name()} in view '{column.DeclaredBy}'; appended rows need one type per column");
                return;
            }

            columns.Add(column.Name, column);
            ordered.Add(column);
        }

        var eventColumn = source.TimestampField;
        Add(new SourceColumn(eventColumn, FeatureType.Timestamp, ColumnRole.EventTime, "(timestamp_field)"), retained: false);
        var createdColumn = source.CreatedTimestampField;
        if (createdColumn is not null)
            Add(new SourceColumn(createdColumn, FeatureType.Timestamp, ColumnRole.CreatedTime, "(created_timestamp_field)"), retained: false);

        // Newest versions first, so the columns (and types) of the appended files are the newest versions' whatever is retained.
        var viewPlans = new List<ViewPlan>();
        foreach (var version in reading.OrderBy(v => v.Retained))
        {
            var view = version.Definition;
            var keys = new List<ViewKeyColumn>();
            foreach (var entityName in view.Entities)
            {
                var entity = definitions.Entities.FirstOrDefault(e => e.Name == entityName)
                    ?? throw new StreamIngestionException($"feature view '{version.Label}' uses entity '{entityName}', which is not in the registry");
                keys.AddRange(entity.JoinKeys.Select(k => new ViewKeyColumn(ColumnOf(k.Name), k.Name, k.Type, entity)));
            }

            foreach (var key in keys)
                Add(new SourceColumn(key.Column, key.Type, ColumnRole.JoinKey, version.Label), version.Retained);
            var features = view.Features.Select(f => new SourceColumn(ColumnOf(f.Name), f.Type, ColumnRole.Feature, version.Label)).ToList();
            foreach (var feature in features)
                Add(feature, version.Retained);
            if (selected.Contains(version))
                viewPlans.Add(new ViewPlan(view, version.Label, definitions.Project, keys, features));
        }

        var lateness = stream.Kind == StreamKind.Kafka && stream.Kafka is { } kafka ? kafka.AllowedLateness : KafkaStreamDefinition.DefaultAllowedLateness;
        return new SourcePlan(source, viewPlans, ordered, eventColumn, createdColumn, BaseDirectory(source), lateness);
    }

    /// <summary>The folder appended files go under: the source's directory, or for a glob the folder before its first wildcard.</summary>
    private string BaseDirectory(DataSourceDefinition source)
    {
        var full = Path.GetFullPath(source.Path, repoDir);
        var wildcard = full.AsSpan().IndexOfAny('*', '?');
        if (wildcard >= 0)
        {
            var slash = full.LastIndexOf(Path.DirectorySeparatorChar, wildcard);
            return slash <= 0 ? Path.GetPathRoot(full)! : full[..slash];
        }

        if (File.Exists(full) || full.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
            throw new StreamIngestionException(
                $"data source '{source.Name}': path '{source.Path}' is one file; a stream or push source needs a directory (or a glob) to append to");
        return full;
    }
}
