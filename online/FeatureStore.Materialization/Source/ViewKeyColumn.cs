using FeatureStore.Registry.Model;

namespace FeatureStore.Materialization.Source;

/// <summary>The source column of one join key (<paramref name="Name"/> of entity <paramref name="Entity"/>) and its declared type.</summary>
internal sealed record ViewKeyColumn(string Column, FeatureType Type, string Name, string Entity);
