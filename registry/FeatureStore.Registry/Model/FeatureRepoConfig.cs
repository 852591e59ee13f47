using FeatureStore.Registry.Storage;

namespace FeatureStore.Registry.Model;

/// <summary>The project and store settings of a feature repo (its featurestore.yaml).</summary>
public sealed record FeatureRepoConfig(string Project, RegistryStoreSettings Registry, string? Description = null)
{
    /// <summary>The <c>online_store:</c> block; embedded SQLite at <c>.featurestore/online.db</c> when absent.</summary>
    public OnlineStoreConfig OnlineStore { get; init; } = OnlineStoreConfig.Default;

    /// <summary>The <c>auth:</c> block; authentication off when absent.</summary>
    public AuthConfig Auth { get; init; } = AuthConfig.Default;

    /// <summary>The <c>audit:</c> block; 400 days of retention when absent.</summary>
    public AuditConfig Audit { get; init; } = AuditConfig.Default;
}
