using FeatureStore.Online;
using FeatureStore.Registry.Storage;
using FeatureStore.Registry.Validation;
using FeatureStore.Registry.Yaml;

namespace FeatureStore.Serving.Hosting;

/// <summary>
/// What <c>featurestore serve</c> needs from featurestore.yaml: the project, the <c>registry:</c> block and the
/// <c>online_store:</c> block. Read by the registry's repo-config reader (the one every command uses: same keys,
/// <c>${VAR}</c> expansion and located errors), then mapped to the online store's settings.
/// </summary>
public sealed record RepoServingSettings(string Project, RegistryStoreSettings Registry, OnlineStoreSettings OnlineStore)
{
    public const string FileName = "featurestore.yaml";

    /// <exception cref="FeatureServerException">The file is missing or a setting is wrong (message: file:line:column: problem).</exception>
    public static RepoServingSettings Read(string repoDir)
    {
        try
        {
            var config = FeatureRepoLoader.LoadConfig(repoDir);
            return new RepoServingSettings(config.Project, config.Registry, config.OnlineStore.ToOnlineStoreSettings());
        }
        catch (DefinitionException e)
        {
            throw new FeatureServerException(e.Message, e);
        }
    }
}
