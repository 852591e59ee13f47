using System.Text.RegularExpressions;
using FeatureStore.Cli;
using FeatureStore.Online;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Serving.Tests;

/// <summary><c>featurestore serve</c> and <c>featurestore get-online-features</c> end to end through the CLI's entry point.</summary>
public sealed partial class CliCommandTests
{
    [Fact]
    public async Task GetOnlineFeaturesPrintsValuesStatusesEventTimesAndAges()
    {
        await using var env = await ServingEnvironment.StartAsync();
        var (code, output, error) = await RunCliAsync(
            "get-online-features", "--server", env.Server.Address.ToString(),
            "--entity", "driver_id=1001", "--entity", "driver_id=1002", "--features", "driver_stats:trips,driver_stats:city");

        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^ROW\s+FEATURE\s+VALUE\s+STATUS\s+EVENT TIME\s+AGE", lines[0]);
        Assert.Matches(@"^0\s+trips\s+12\s+PRESENT\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\s+5m\d+s", lines[1]);
        Assert.Matches(@"^0\s+city\s+Lyon\s+PRESENT", lines[2]);
        Assert.Matches(@"^1\s+trips\s+-\s+OUTSIDE_TTL\s+\S+ \S+\s+2h0m", lines[3]);
    }

    [Fact]
    public async Task GetOnlineFeaturesReportsServerErrorsInOneLine()
    {
        await using var env = await ServingEnvironment.StartAsync();
        var (code, _, error) = await RunCliAsync("get-online-features", "--server", env.Server.Address.ToString(), "--entity", "driver_id=1", "--feature-service", "nope");

        Assert.Equal(1, code);
        Assert.Equal($"error: feature server {env.Server.Address}: NOT_FOUND: feature service 'nope' is not registered in project 'rides'", error.Trim());
    }

    [Fact]
    public async Task GetOnlineFeaturesNeedsExactlyOneOfFeaturesOrService()
    {
        var (code, _, error) = await RunCliAsync("get-online-features", "--entity", "driver_id=1");

        Assert.Equal(1, code);
        Assert.Contains("give either --features view:feature,... or --feature-service NAME", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServeRefusesAnOtlpEndpointThatIsNotAnHttpAddress()
    {
        var (code, _, error) = await RunCliAsync("serve", "--port", "0", "--otlp-endpoint", "collector:4317");

        Assert.Equal(1, code);
        Assert.Equal("error: --otlp-endpoint 'collector:4317' is not an http(s) address like http://127.0.0.1:4317", error.Trim());
    }

    [Fact]
    public async Task ServeServesTheRepoOnlineStoreUntilCancelled()
    {
        var repo = Directory.CreateTempSubdirectory("fs-serve-repo-").FullName;
        await File.WriteAllTextAsync(Path.Combine(repo, "featurestore.yaml"), """
            project: rides
            registry:
              type: sqlite
              path: registry.db
            online_store:
              type: sqlite
              path: online.db
            """);
        await using (var registry = RegistryStoreFactory.Open(new RegistryStoreSettings(RegistryStoreKind.Sqlite, "registry.db"), repo))
        {
            await registry.InitializeAsync();
            await ServingEnvironment.ApplyAsync(registry, TestDefinitions.Definitions());
        }

        await using (var online = OnlineStoreFactory.Open(new OnlineStoreSettings(OnlineStoreKind.Sqlite, "online.db"), repo))
        {
            await ServingEnvironment.WriteTestDataAsync(online);
        }

        using var stop = new CancellationTokenSource();
        var output = new StringWriter();
        var synchronizedOutput = TextWriter.Synchronized(output);
        var serve = Task.Run(() => CliApp.RunAsync(["--repo", repo, "serve", "--port", "0", "--metrics-port", "0"], synchronizedOutput, TextWriter.Null, stop.Token));
        Uri? address = null;
        for (var i = 0; i < 200 && address is null && !serve.IsCompleted; i++)
        {
            await Task.Delay(50);
            lock (synchronizedOutput)
            {
                var match = ServingLine().Match(output.ToString());
                address = match.Success ? new Uri(match.Groups[1].Value) : null;
            }
        }

        Assert.NotNull(address);
        var (code, printed, error) = await RunCliAsync("get-online-features", "--server", address.ToString(), "--entity", "driver_id=1001", "--features", "driver_stats:trips");
        Assert.True(code == 0, error);
        Assert.Matches(@"0\s+trips\s+12\s+PRESENT", printed);

        await stop.CancelAsync();
        Assert.Equal(0, await serve);
    }

    [Fact]
    public async Task ServeRejectsAnUnknownOnlineStoreTypeNamingTheLine()
    {
        var repo = Directory.CreateTempSubdirectory("fs-serve-repo-").FullName;
        await File.WriteAllTextAsync(Path.Combine(repo, "featurestore.yaml"), "project: rides\nonline_store:\n  type: memcached\n");

        var (code, _, error) = await RunCliAsync("--repo", repo, "serve", "--port", "0");

        Assert.Equal(1, code);
        Assert.Equal("error: featurestore.yaml:3:9: expected sqlite, redis or redis-cluster for 'type', found a scalar ('memcached')", error.Trim());
    }

    [Fact]
    public void RepoSettingsReadTheRedisOnlineStoreBlockWithTimeoutsAndEnvironmentVariables()
    {
        var repo = Directory.CreateTempSubdirectory("fs-serve-repo-").FullName;
        Environment.SetEnvironmentVariable("FS_TEST_REDIS_PORT", "6390");
        File.WriteAllText(Path.Combine(repo, "featurestore.yaml"), """
            project: rides
            online_store:
              type: redis
              connection_string: "127.0.0.1:${FS_TEST_REDIS_PORT}"
              operation_timeout: 250ms
            """);

        var settings = Hosting.RepoServingSettings.Read(repo);

        Assert.Equal("rides", settings.Project);
        Assert.Equal(RegistryStoreKind.Sqlite, settings.Registry.Kind);
        Assert.Equal(OnlineStoreKind.Redis, settings.OnlineStore.Kind);
        Assert.Equal("127.0.0.1:6390", settings.OnlineStore.ConnectionString);
        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.OnlineStore.OperationTimeout);
    }

    private static async Task<(int Code, string Output, string Error)> RunCliAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [GeneratedRegex(@"serving project 'rides' on (\S+)")]
    private static partial Regex ServingLine();
}
