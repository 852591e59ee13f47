using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;
using FeatureStore.Registry.Yaml;

namespace FeatureStore.Cli;

/// <summary>The registry store a feature repo points at, opened and initialised for one command.</summary>
internal static class RegistrySession
{
    /// <summary>Opens the store named by the repo's featurestore.yaml (only that file is read: a broken definition file must not hide the registry).</summary>
    public static async Task<(FeatureRepoConfig Config, IRegistryStore Store)> OpenAsync(string repoDir, CancellationToken cancellationToken)
    {
        var config = FeatureRepoLoader.LoadConfig(repoDir);
        var store = await OpenAsync(config, repoDir, cancellationToken).ConfigureAwait(false);
        return (config, store);
    }

    public static async Task<IRegistryStore> OpenAsync(FeatureRepoConfig config, string repoDir, CancellationToken cancellationToken)
    {
        var store = RegistryStoreFactory.Open(config.Registry, repoDir);
        try
        {
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Who an apply is recorded as: $FEATURESTORE_ACTOR, else user@host.</summary>
    public static string Actor() =>
        Environment.GetEnvironmentVariable("FEATURESTORE_ACTOR") is { Length: > 0 } actor
            ? actor
            : $"{Environment.UserName}@{Environment.MachineName}";
}
