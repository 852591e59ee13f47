using FeatureStore.Online;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;
using FeatureStore.Registry.Validation;
using FeatureStore.Registry.Yaml;

namespace FeatureStore.Serving.Hosting;

/// <summary>
/// What <c>featurestore serve</c> needs from featurestore.yaml: the project, the <c>registry:</c> block, the
/// <c>online_store:</c> block, and the <c>auth:</c> and <c>audit:</c> blocks. Read by the registry's repo-config reader (the one every command uses: same keys,
/// <c>${VAR}</c> expansion and located errors), then mapped to the online store's settings.
/// </summary>
public sealed record RepoServingSettings(string Project, RegistryStoreSettings Registry, OnlineStoreSettings OnlineStore)
{
    public const string FileName = "featurestore.yaml";

    /// <summary><c>auth: {required: true}</c>: calls need a key (<see cref="FeatureServerOptions.AuthRequired"/>).</summary>
    public AuthConfig Auth { get; init; } = AuthConfig.Default;

    /// <summary><c>audit: {retention: 400d}</c> (<see cref="FeatureServerOptions.AuditRetention"/>).</summary>
    public AuditConfig Audit { get; init; } = AuditConfig.Default;

    /// <summary>The server options these settings decide (project, keys required, audit retention), for the caller to complete.</summary>
    public FeatureServerOptions ServerOptions() => new()
    {
        Project = Project,
        AuthRequired = Auth.Required,
        AuditRetention = Audit.Retention,
    };

    /// <exception cref="FeatureServerException">The file is missing or a setting is wrong (message: file:line:column: problem).</exception>
    public static RepoServingSettings Read(string repoDir)
    {
        try
        {
            var config = FeatureRepoLoader.LoadConfig(repoDir);
            return new RepoServingSettings(config.Project, config.Registry, config.OnlineStore.ToOnlineStoreSettings())
            {
                Auth = config.Auth,
                Audit = config.Audit,
            };
        }
        catch (DefinitionException e)
        {
            throw new FeatureServerException(e.Message, e);
        }
    }
}
