using FeatureStore.Registry.Model;

namespace FeatureStore.Streaming.Resolution;

/// <summary>Join key <paramref name="Name"/> of entity <paramref name="Entity"/>, read from source column <paramref name="Column"/>.</summary>
internal sealed record ViewKeyColumn(string Column, string Name, FeatureType Type, EntityDefinition Entity);
