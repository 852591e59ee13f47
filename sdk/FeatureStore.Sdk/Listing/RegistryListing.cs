using FeatureStore.Registry.Model;

namespace FeatureStore.Sdk.Listing;

/// <summary>What a project's registry holds at <see cref="Revision"/> (0: nothing applied yet), each kind sorted by name.</summary>
public sealed record RegistryListing(
    string Project,
    long Revision,
    IReadOnlyList<Registered<EntityDefinition>> Entities,
    IReadOnlyList<Registered<DataSourceDefinition>> DataSources,
    IReadOnlyList<Registered<FeatureViewDefinition>> FeatureViews,
    IReadOnlyList<Registered<FeatureServiceDefinition>> FeatureServices)
{
    /// <summary>The applied definitions, as one set.</summary>
    public RegistryDefinitions Definitions => new(
        Project,
        [.. Entities.Select(e => e.Definition)],
        [.. DataSources.Select(d => d.Definition)],
        [.. FeatureViews.Select(v => v.Definition)],
        [.. FeatureServices.Select(s => s.Definition)]);
}
