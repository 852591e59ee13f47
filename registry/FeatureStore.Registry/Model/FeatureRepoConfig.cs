using FeatureStore.Registry.Storage;

namespace FeatureStore.Registry.Model;

/// <summary>The project and store settings of a feature repo (its featurestore.yaml).</summary>
public sealed record FeatureRepoConfig(string Project, RegistryStoreSettings Registry, string? Description = null)
{
    /// <summary>The <c>online_store:</c> block; embedded SQLite at <c>.featurestore/online.db</c> when absent.</summary>
    public OnlineStoreConfig OnlineStore { get; init; } = OnlineStoreConfig.Default;
}
