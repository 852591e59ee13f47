using FeatureStore.Registry.Model;

namespace FeatureStore.Offline.Validation;

/// <summary>
/// The columns a data source's files must have for every view that reads it (all of each view's features, the join keys
/// of its entities, by their source names after field_mapping). Unknown entities are left to definition validation.
/// </summary>
internal static class SourceNeeds
{
    public static IReadOnlyList<ColumnNeed> For(RegistryDefinitions definitions, DataSourceDefinition source)
    {
        var toSource = FeatureResolver.SourceNames(source);
        var keys = new List<ResolvedJoinKey>();
        var features = new List<ResolvedFeature>();
        foreach (var view in definitions.FeatureViews.Where(v => v.Source == source.Name))
        {
            foreach (var entity in definitions.Entities.Where(e => view.Entities.Contains(e.Name)))
            {
                keys.AddRange(entity.JoinKeys.Select(k => new ResolvedJoinKey(k.Name, toSource(k.Name), k.Type, entity.Name)));
            }

            features.AddRange(view.Features.Select(f => new ResolvedFeature($"{view.Name}:{f.Name}", f, toSource(f.Name), f.Name)));
        }

        return SourceColumns.Needs(source, keys, features);
    }
}
