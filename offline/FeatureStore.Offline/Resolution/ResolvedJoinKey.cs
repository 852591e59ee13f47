using FeatureStore.Registry.Model;

namespace FeatureStore.Offline;

/// <summary>A join key of a view: its name in the spine, its column in the source, its type and the entity it belongs to.</summary>
internal sealed record ResolvedJoinKey(string Name, string SourceColumn, FeatureType Type, string Entity);
