using FeatureStore.Online;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;
using FeatureStore.Registry.Yaml;
using FeatureStore.Sdk.Errors;

namespace FeatureStore.Sdk;

/// <summary>
/// One feature repo from C#: plan and apply definitions, list and describe what is registered, build training sets,
/// materialize into the online store and read it directly. Open one per repo and keep it (like a data source); it owns
/// the registry store (opened by <see cref="OpenAsync(FeatureStoreSettings, CancellationToken)"/>) and the online store
/// (opened when first needed) and disposes both. Thread-safe. User errors throw <see cref="FeatureStoreException"/>.
/// </summary>
/// <example><code>
/// await using var store = await FeatureStoreSession.OpenAsync("feature_repo", cancellationToken);
/// await store.ApplyAsync(repository.Build(), cancellationToken: cancellationToken);
/// var job = store.GetHistoricalFeaturesForService(Spine.FromRows(labels), "driver_ranking");
/// var rows = await job.ToRowsAsync&lt;TrainingRow&gt;(cancellationToken);
/// </code></example>
public sealed partial class FeatureStoreSession : IAsyncDisposable
{
    private readonly FeatureStoreSettings settings;
    private readonly IRegistryStore registry;
    private readonly Lock onlineLock = new();
    private IOnlineStore? online;
    private int disposed;

    private FeatureStoreSession(FeatureStoreSettings settings, string repoDir, FeatureRepoConfig config, IRegistryStore registry)
    {
        this.settings = settings;
        this.registry = registry;
        RepoDir = repoDir;
        Config = config;
    }

    /// <summary>The project named by featurestore.yaml; definitions for another project are refused.</summary>
    public string Project => Config.Project;

    /// <summary>The feature repo folder (absolute).</summary>
    public string RepoDir { get; }

    /// <summary>The repo's featurestore.yaml as read when the session was opened.</summary>
    public FeatureRepoConfig Config { get; }

    /// <summary>The path of the repo's featurestore.yaml.</summary>
    public string ConfigPath => Path.Combine(RepoDir, ConfigFileName);

    private const string ConfigFileName = "featurestore.yaml";

    /// <summary>Opens the feature repo in <paramref name="repoDir"/> with the stores its featurestore.yaml names.</summary>
    public static Task<FeatureStoreSession> OpenAsync(string repoDir, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repoDir);
        return OpenAsync(new FeatureStoreSettings(repoDir), cancellationToken);
    }

    /// <summary>Opens a feature repo: reads featurestore.yaml, opens and initialises the registry store.</summary>
    /// <exception cref="FeatureStoreException">No such folder or featurestore.yaml (<see cref="FeatureStoreErrorCode.RepoNotFound"/>),
    /// a broken featurestore.yaml, or a registry that cannot be opened.</exception>
    public static async Task<FeatureStoreSession> OpenAsync(FeatureStoreSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(settings.RepoDir);
        var repoDir = Path.GetFullPath(settings.RepoDir);
        if (!Directory.Exists(repoDir))
        {
            throw new FeatureStoreException(FeatureStoreErrorCode.RepoNotFound,
                $"feature repo directory not found: {repoDir}; create one with `featurestore init {repoDir}`");
        }

        if (!File.Exists(Path.Combine(repoDir, ConfigFileName)))
        {
            throw new FeatureStoreException(FeatureStoreErrorCode.RepoNotFound,
                $"{repoDir} has no {ConfigFileName} (a feature repo needs one with at least 'project: <name>'); create a repo with `featurestore init <dir>`");
        }

        var config = FeatureStoreErrors.Guard(() => FeatureRepoLoader.LoadConfig(repoDir));
        var store = FeatureStoreErrors.Guard(() => RegistryStoreFactory.Open(settings.Registry ?? config.Registry, repoDir));
        try
        {
            await FeatureStoreErrors.GuardAsync(async () =>
            {
                await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new FeatureStoreSession(settings, repoDir, config, store);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        IOnlineStore? opened;
        lock (onlineLock)
        {
            opened = online;
            online = null;
        }

        try
        {
            if (opened is not null)
            {
                await opened.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            await registry.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The registry store, checked to be still open.</summary>
    private IRegistryStore Registry
    {
        get
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) == 1, this);
            return registry;
        }
    }

    /// <summary>The online store, opened on first use (opening contacts nothing; calls do).</summary>
    private IOnlineStore Online()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) == 1, this);
        lock (onlineLock)
        {
            return online ??= FeatureStoreErrors.Guard(() => OnlineStoreFactory.Open(settings.OnlineStore ?? Config.OnlineStore.ToOnlineStoreSettings(), RepoDir));
        }
    }

    private Task<RegistryState> LoadStateAsync(CancellationToken cancellationToken) => Registry.LoadAsync(Project, cancellationToken);
}
