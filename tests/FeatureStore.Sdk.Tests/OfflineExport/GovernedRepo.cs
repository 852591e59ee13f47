using System.Globalization;
using FeatureStore.Cli;
using FeatureStore.Registry.Access;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;
using FeatureStore.Registry.Yaml;

namespace FeatureStore.Sdk.Tests.OfflineExport;

/// <summary>
/// The sample repo of <c>featurestore init</c>, applied, with a customer spine (customers of the sample's personal and
/// sensitive <c>customer_profile</c> view, some twice) and helpers that store API keys and grants in its registry.
/// </summary>
internal sealed class GovernedRepo : IAsyncDisposable
{
    private readonly IRegistryStore registry;

    private GovernedRepo(string root, IRegistryStore registry, string project)
    {
        Root = root;
        this.registry = registry;
        Project = project;
    }

    public string Root { get; }

    public string Dir => Path.Combine(Root, "repo");

    public string Project { get; }

    public string CustomerSpine => Path.Combine(Root, "customers.csv");

    public string DriverSpine => Path.Combine(Root, "drivers.csv");

    public IRegistryStore Registry => registry;

    public const string PurposeText = "churn model retraining";

    /// <summary>The personal and sensitive features of the sample, and one of class none.</summary>
    public static readonly string[] CustomerFeatures =
        ["customer_profile:age", "customer_profile:home_city", "customer_profile:credit_score", "customer_profile:lifetime_value"];

    public static async Task<GovernedRepo> CreateAsync(bool authRequired = false)
    {
        var root = Directory.CreateTempSubdirectory("fs-offline-export-").FullName;
        var dir = Path.Combine(root, "repo");
        await CliAsync("init", dir, "--project", "rides");
        if (authRequired)
        {
            await File.AppendAllTextAsync(Path.Combine(dir, "featurestore.yaml"), "auth:\n  required: true\n");
        }

        await CliAsync("apply", "--repo", dir);
        var config = FeatureRepoLoader.LoadConfig(dir);
        var store = RegistryStoreFactory.Open(config.Registry, dir);
        await store.InitializeAsync();
        var repo = new GovernedRepo(root, store, config.Project);
        var at = DateTimeOffset.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var customers = Enumerable.Range(1, 30).Concat(Enumerable.Range(1, 10)).Select(i => $"C{i:D5},{at}");
        await File.WriteAllLinesAsync(repo.CustomerSpine, ["customer_id,event_timestamp", .. customers]);
        await File.WriteAllLinesAsync(repo.DriverSpine, ["driver_id,event_timestamp", .. Enumerable.Range(1001, 20).Select(d => $"{d},{at}")]);
        return repo;
    }

    /// <summary>Stores a new API key of <paramref name="principal"/> and returns its token.</summary>
    public async Task<string> KeyAsync(string principal)
    {
        var (token, record) = ApiKeys.Create(principal, "test", DateTimeOffset.UtcNow, iterations: 1_000);
        await CommitAsync(new ObjectWrite(ObjectKind.AccessKey, record.KeyId, ChangeType.Added, RegistryJson.Serialize(record), $"key of {principal}"));
        return token;
    }

    /// <summary>Grants <paramref name="principal"/> the view <c>customer_profile</c> up to <paramref name="maxPii"/>.</summary>
    public Task GrantAsync(string principal, PiiClass maxPii, bool online = false, bool offline = true, string view = "customer_profile")
    {
        var grant = new GrantDefinition(principal, GrantTargetKind.FeatureView, view, maxPii, online, offline);
        return CommitAsync(new ObjectWrite(ObjectKind.Grant, grant.Name, ChangeType.Added, RegistryJson.Serialize(grant), $"grant {grant.Name}"));
    }

    public async Task<FeatureStoreSession> OpenAsync() => await FeatureStoreSession.OpenAsync(Dir);

    public async ValueTask DisposeAsync()
    {
        await registry.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }

    public static async Task CliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, error);
        Assert.True(exit == 0, $"featurestore {string.Join(' ', args)} exited {exit}: {error}");
    }

    private async Task CommitAsync(ObjectWrite write)
    {
        var state = await registry.LoadAsync(Project);
        await registry.CommitAsync(Project, state.Revision, "test", [write]);
    }
}
