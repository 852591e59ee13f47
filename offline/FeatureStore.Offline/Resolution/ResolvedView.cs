using FeatureStore.Registry.Model;

namespace FeatureStore.Offline;

/// <summary>A feature view as the engine joins it: keys, source location and columns, TTL, mode and the selected features.</summary>
internal sealed record ResolvedView(
    FeatureViewDefinition Definition,
    long RegistryVersion,
    DataSourceDefinition Source,
    string SourcePath,
    IReadOnlyList<ResolvedJoinKey> JoinKeys,
    IReadOnlyList<ResolvedFeature> Features,
    bool AsOfCreated)
{
    public string Name => Definition.Name;

    public long? TtlMicros => Definition.Ttl is { } ttl ? ttl.Ticks / 10 : null;
}
