using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Materialization.Source;

/// <summary>
/// Which source columns feed a view: its join keys (entity order, then join-key order), features, event and created
/// timestamps. The source's field_mapping (source column → view name) is applied in reverse to find each column.
/// </summary>
internal sealed class ViewColumns
{
    private ViewColumns(IReadOnlyList<ViewKeyColumn> keys, IReadOnlyList<string> features, string eventColumn, string? createdColumn)
    {
        Keys = keys;
        Features = features;
        EventColumn = eventColumn;
        CreatedColumn = createdColumn;
    }

    public IReadOnlyList<ViewKeyColumn> Keys { get; }

    /// <summary>Source column of each view feature, in the view's feature order.</summary>
    public IReadOnlyList<string> Features { get; }

    public string EventColumn { get; }

    public string? CreatedColumn { get; }

    public IReadOnlyList<string> All => [.. Keys.Select(k => k.Column), .. Features, EventColumn, .. CreatedColumn is null ? Array.Empty<string>() : [CreatedColumn]];

    /// <summary>The join-key and timestamp columns: what keying a row needs.</summary>
    public IReadOnlyList<string> KeysAndTimes => [.. Keys.Select(k => k.Column), EventColumn, .. CreatedColumn is null ? Array.Empty<string>() : [CreatedColumn]];

    /// <summary>Resolves every column against the dataset schema; a missing one is a <see cref="MaterializationException"/> naming view, source and column.</summary>
    public static ViewColumns Resolve(FeatureViewDefinition view, DataSourceDefinition source, IReadOnlyList<EntityDefinition> entities, ParquetSchema schema)
    {
        var reverse = (source.FieldMapping ?? new Dictionary<string, string>())
            .GroupBy(m => m.Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Key, StringComparer.Ordinal);

        string Find(string name, string what, bool mappedFirst)
        {
            var mapped = reverse.GetValueOrDefault(name);
            var candidates = mappedFirst ? new[] { mapped, name } : [name, mapped];
            foreach (var candidate in candidates)
            {
                if (candidate is not null && schema.IndexOf(candidate) >= 0)
                    return candidate;
            }

            throw new MaterializationException(
                $"view '{LiveView.MaterializationKey(view)}': source '{source.Name}' ({source.Path}) has no column for {what} '{name}'" +
                (mapped is null ? "" : $" (mapped from '{mapped}')"));
        }

        var keys = new List<ViewKeyColumn>();
        foreach (var entityName in view.Entities)
        {
            var entity = entities.FirstOrDefault(e => e.Name == entityName)
                ?? throw new MaterializationException($"view '{LiveView.MaterializationKey(view)}' uses entity '{entityName}', which is not in the registry");
            keys.AddRange(entity.JoinKeys.Select(k => new ViewKeyColumn(Find(k.Name, "join key", mappedFirst: true), k.Type, k.Name, entity.Name)));
        }

        var features = view.Features.Select(f => Find(f.Name, "feature", mappedFirst: true)).ToList();
        var eventColumn = Find(source.TimestampField, "timestamp field", mappedFirst: false);
        var createdColumn = source.CreatedTimestampField is { } created ? Find(created, "created timestamp field", mappedFirst: false) : null;
        return new ViewColumns(keys, features, eventColumn, createdColumn);
    }
}
