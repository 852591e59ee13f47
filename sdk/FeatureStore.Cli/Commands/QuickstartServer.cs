using FeatureStore.Client;
using FeatureStore.Online;
using FeatureStore.Registry.Storage;
using FeatureStore.Serving.Hosting;

namespace FeatureStore.Cli.Commands;

/// <summary>
/// The gRPC feature server the quickstart's serving and streaming steps call: on the sample repo's stores, a free
/// 127.0.0.1 port and metrics port, taking pushes (the repo folder is set). Disposing stops it and closes the stores.
/// </summary>
internal sealed class QuickstartServer : IAsyncDisposable
{
    private readonly IRegistryStore registry;
    private readonly IOnlineStore online;
    private readonly FeatureServer server;

    private QuickstartServer(IRegistryStore registry, IOnlineStore online, FeatureServer server)
    {
        this.registry = registry;
        this.online = online;
        this.server = server;
        Client = new FeatureServingClient(server.Address);
    }

    public Uri Address => server.Address;

    public Uri MetricsAddress => server.MetricsAddress!;

    public FeatureServingClient Client { get; }

    public static async Task<QuickstartServer> StartAsync(string repoDir, CancellationToken ct)
    {
        var settings = RepoServingSettings.Read(repoDir);
        var registry = RegistryStoreFactory.Open(settings.Registry, repoDir);
        IOnlineStore? online = null;
        try
        {
            online = OnlineStoreFactory.Open(settings.OnlineStore, repoDir);
            var options = new FeatureServerOptions
            {
                Project = settings.Project,
                Port = 0,
                MetricsPort = 0,
                FreshnessInterval = TimeSpan.FromMilliseconds(200),
                RepoDir = repoDir,
            };
            var server = await FeatureServer.StartAsync(options, registry, online, cancellationToken: ct).ConfigureAwait(false);
            return new QuickstartServer(registry, online, server);
        }
        catch
        {
            if (online is not null)
            {
                await online.DisposeAsync().ConfigureAwait(false);
            }

            await registry.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await server.DisposeAsync().ConfigureAwait(false);
        await online.DisposeAsync().ConfigureAwait(false);
        await registry.DisposeAsync().ConfigureAwait(false);
    }
}
