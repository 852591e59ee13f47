using FeatureStore.Client;
using FeatureStore.Online;
using FeatureStore.Registry.Storage;
using FeatureStore.Serving.Hosting;

namespace FeatureStore.Serving.Tests;

/// <summary>
/// A real feature server over a temp repo's registry and online store, with clients that are closed with it; the base
/// of fixtures that write their own definitions (<see cref="Access.AccessServer"/>, <see cref="Versions.VersionedServer"/>).
/// </summary>
internal abstract class ServerFixture(string repoDir, string project, IRegistryStore registry, IOnlineStore online) : IAsyncDisposable
{
    private readonly List<FeatureServingClient> clients = [];

    public string RepoDir { get; } = repoDir;

    public IRegistryStore Registry { get; } = registry;

    public IOnlineStore Online { get; } = online;

    public FeatureServer Server { get; protected set; } = null!;

    /// <summary>A client sending <paramref name="token"/> as its API key (none when null); disposed with the server.</summary>
    public FeatureServingClient Client(string? token = null)
    {
        var client = new FeatureServingClient(new FeatureServingClientOptions { Address = Server.Address, ApiKey = token, MaxRetries = 0 });
        clients.Add(client);
        return client;
    }

    /// <summary>Waits until the server serves the registry's current revision (keys and grants written since included).</summary>
    public async Task WaitForCurrentRevisionAsync()
    {
        var revision = await Registry.GetRevisionAsync(project);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (Server.Snapshots.Current?.Revision != revision)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the server did not load revision {revision} within 10 s");
            await Task.Delay(20);
        }
    }

    /// <summary>Stops the server (its last audit flush included); the stores stay open for the test to read.</summary>
    public async Task StopServerAsync()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }

        clients.Clear();
        if (Server is not null)
        {
            await Server.DisposeAsync();
            Server = null!;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopServerAsync();
        await Online.DisposeAsync();
        await Registry.DisposeAsync();
        DisposeMore();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(RepoDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a pool stays in the temp folder; it affects no other test.
        }
    }

    /// <summary>What a fixture holds besides the server and the stores, released after them.</summary>
    protected virtual void DisposeMore()
    {
    }
}
