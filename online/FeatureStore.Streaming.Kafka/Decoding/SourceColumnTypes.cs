using FeatureStore.Registry.Model;

namespace FeatureStore.Streaming.Kafka.Decoding;

/// <summary>
/// The declared type of each column of a data source (its own names, before the source's field_mapping): join keys of
/// the entities and features of every live version of every view reading the source (so a column only a version kept
/// by keep_versions reads is still decoded), and the timestamp fields. The first declaration wins;
/// conflicting declarations are the ingestor's to report.
/// </summary>
public static class SourceColumnTypes
{
    public static IReadOnlyDictionary<string, FeatureType> Of(DataSourceDefinition source, RegistryDefinitions definitions)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(definitions);
        var columnOf = (source.FieldMapping ?? new Dictionary<string, string>())
            .GroupBy(m => m.Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Key, StringComparer.Ordinal);
        string Column(string name) => columnOf.GetValueOrDefault(name) ?? name;

        var types = new Dictionary<string, FeatureType>(StringComparer.Ordinal) { [source.TimestampField] = FeatureType.Timestamp };
        if (source.CreatedTimestampField is { } created)
        {
            types.TryAdd(created, FeatureType.Timestamp);
        }

        // Newest versions first, so their types win over a retained version's (as in the ingestor's appended columns).
        var versions = definitions.FeatureViews.Concat(definitions.FeatureViews.SelectMany(v => v.RetainedVersions ?? []));
        foreach (var view in versions.Where(v => v.Source == source.Name))
        {
            foreach (var key in view.Entities
                .Select(name => definitions.Entities.FirstOrDefault(e => e.Name == name))
                .SelectMany(entity => entity?.JoinKeys ?? []))
            {
                types.TryAdd(Column(key.Name), key.Type);
            }

            foreach (var feature in view.Features)
            {
                types.TryAdd(Column(feature.Name), feature.Type);
            }
        }

        return types;
    }
}
