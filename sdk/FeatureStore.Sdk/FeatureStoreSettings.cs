using FeatureStore.Online;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Sdk;

/// <summary>
/// Where a <see cref="FeatureStoreSession"/> works: a feature repo folder (its featurestore.yaml names the project and the
/// stores), optionally with the stores overridden (tests, jobs that point one repo at another registry or online store).
/// </summary>
/// <param name="RepoDir">The feature repo folder; relative source and SQLite paths start there.</param>
public sealed record FeatureStoreSettings(string RepoDir)
{
    /// <summary>Use this registry store instead of featurestore.yaml's <c>registry:</c> block.</summary>
    public RegistryStoreSettings? Registry { get; init; }

    /// <summary>Use this online store instead of featurestore.yaml's <c>online_store:</c> block.</summary>
    public OnlineStoreSettings? OnlineStore { get; init; }

    /// <summary>The clock of materialization ("not in the future", run ids) and of online TTLs.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
