using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;
using FeatureStore.Registry.Yaml;

namespace FeatureStore.Offline;

/// <summary>The applied definitions of a project and the registry-assigned version of each object (training sets use what was applied, like Feast).</summary>
public sealed record RegistrySnapshot(RegistryDefinitions Definitions, IReadOnlyDictionary<string, long> FeatureViewVersions)
{
    /// <summary>Reads the registry named by the repo's featurestore.yaml.</summary>
    public static async Task<RegistrySnapshot> LoadAsync(string repoDir, CancellationToken cancellationToken = default)
    {
        var config = FeatureRepoLoader.LoadConfig(repoDir);
        var store = RegistryStoreFactory.Open(config.Registry, repoDir);
        await using (store.ConfigureAwait(false))
        {
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
            var state = await store.LoadAsync(config.Project, cancellationToken).ConfigureAwait(false);
            return FromState(state);
        }
    }

    public static RegistrySnapshot FromState(RegistryState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var versions = state.Objects
            .Where(o => o.Kind == ObjectKind.FeatureView)
            .ToDictionary(o => o.Name, o => o.Version, StringComparer.Ordinal);
        return new RegistrySnapshot(state.ToDefinitions(), versions);
    }

    /// <summary>A snapshot of definitions that were never stored (tests, programs): every view at registry version 0.</summary>
    public static RegistrySnapshot FromDefinitions(RegistryDefinitions definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        return new RegistrySnapshot(definitions, definitions.FeatureViews.ToDictionary(v => v.Name, _ => 0L, StringComparer.Ordinal));
    }
}
