using FeatureStore.Registry.Model;

namespace FeatureStore.Sdk.Listing;

/// <summary>
/// One registered object in full: its <see cref="Definition"/> (an <see cref="EntityDefinition"/>,
/// <see cref="DataSourceDefinition"/>, <see cref="FeatureViewDefinition"/> or <see cref="FeatureServiceDefinition"/>
/// as <see cref="Kind"/> says), version, and who uses it.
/// </summary>
public sealed record ObjectDescription(ObjectKind Kind, string Name, long Version, DateTimeOffset UpdatedAt, object Definition)
{
    /// <summary>Feature views using an entity or data source, feature services using a feature view (sorted); empty for a service.</summary>
    public IReadOnlyList<string> UsedBy { get; init; } = [];

    /// <summary>A feature service's features with their definitions (PII class, type), in selection order; empty for other kinds.</summary>
    public IReadOnlyList<SelectedFeature> SelectedFeatures { get; init; } = [];
}

/// <summary>A feature a service selects: its view and its definition.</summary>
public sealed record SelectedFeature(string View, FeatureDefinition Feature);
