using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;
using FeatureStore.Serving.Tests;

namespace FeatureStore.Client.Tests;

/// <summary>
/// The packages as a user gets them: FeatureStore.Protos, .Client and .Sdk packed into a local folder feed, and the sample
/// consumer (SampleConsumer/, a console app referencing FeatureStore.Client by version) built from that feed in a
/// temp folder, then run against a live server. The client's closure must hold none of the server-side packages.
/// Runs alone (its builds take both cores), so the timing assertions of the other tests are not disturbed.
/// </summary>
[Collection(nameof(PackingTests))]
public sealed class PackingTests : IAsyncLifetime
{
    private static readonly string[] ServerSidePackages = ["Npgsql", "Microsoft.Data.Sqlite", "YamlDotNet", "FeatureStore.Registry", "FeatureStore.Offline", "FeatureStore.Parquet", "FeatureStore.Online"];

    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(3);

    private readonly string work = Directory.CreateTempSubdirectory("fs-packing-").FullName;

    private string Feed => Path.Combine(work, "feed");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(work, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_packed_client_builds_a_lean_consumer_that_calls_a_live_server_and_the_sdk_package_depends_on_it()
    {
        var root = RepoRoot();
        foreach (var project in new[] { "protos/FeatureStore.Protos/FeatureStore.Protos.csproj", "sdk/FeatureStore.Client/FeatureStore.Client.csproj", "sdk/FeatureStore.Sdk/FeatureStore.Sdk.csproj" })
        {
            var (exit, output) = await DotnetCli.RunAsync(root, StepTimeout, [.. PackArguments(project)]);
            Assert.True(exit == 0, $"dotnet pack {project} failed:\n{output}");
        }

        var version = PackageVersion("FeatureStore.Client");
        Assert.Equal(["FeatureStore.Protos", "Grpc.HealthCheck", "Grpc.Net.Client"], Dependencies("FeatureStore.Client", version).Keys.Order());
        Assert.Equal(version, Dependencies("FeatureStore.Client", version)["FeatureStore.Protos"]);
        Assert.Equal(["Google.Protobuf", "Grpc.Core.Api"], Dependencies("FeatureStore.Protos", version).Keys.Order());
        var sdk = Dependencies("FeatureStore.Sdk", version);
        Assert.Equal(version, sdk["FeatureStore.Client"]);
        Assert.Equal(version, sdk["FeatureStore.Registry"]);
        Assert.Equal(version, sdk["FeatureStore.Offline"]);

        var consumer = await BuildConsumerAsync(version);
        var closure = ResolvedPackages(consumer);
        Assert.Contains($"FeatureStore.Client/{version}", closure);
        Assert.Contains($"FeatureStore.Protos/{version}", closure);
        Assert.Contains(closure, p => p.StartsWith("Grpc.Net.Client/", StringComparison.Ordinal));
        Assert.DoesNotContain(closure, p => ServerSidePackages.Any(s => p.StartsWith(s + "/", StringComparison.OrdinalIgnoreCase)));

        await using var env = await ServingEnvironment.StartAsync();
        var run = await DotnetCli.RunAsync(consumer, StepTimeout, Path.Combine(consumer, "bin", "Release", "net10.0", "SampleConsumer.dll"), env.Server.Address.ToString(), "driver_stats:trips", "driver_id", "1001");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("health: Serving", run.Output, StringComparison.Ordinal);
        Assert.Contains("driver_stats:trips: 12 (PRESENT)", run.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Packs into the feed from the same build outputs the tests ran from (the artifacts folder when the tests were built
    /// with --artifacts-path), so packing is an up-to-date check rather than a second build.
    /// </summary>
    private IEnumerable<string> PackArguments(string project)
    {
        string[] common = ["pack", project, "-c", Configuration, "-o", Feed, "-nologo", "-v", "q", "--disable-build-servers"];
        var marker = $"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}FeatureStore.Client.Tests{Path.DirectorySeparatorChar}";
        var at = AppContext.BaseDirectory.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? common : [.. common, "--artifacts-path", AppContext.BaseDirectory[..at]];
    }

    /// <summary>Copies the sample consumer out of the repo, points it at the feed plus the machine's sources, and builds it.</summary>
    private async Task<string> BuildConsumerAsync(string version)
    {
        var consumer = Directory.CreateDirectory(Path.Combine(work, "consumer")).FullName;
        foreach (var file in new[] { "SampleConsumer.csproj", "Program.cs" })
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, "SampleConsumer", file), Path.Combine(consumer, file));
        }

        var (exit, sources) = await DotnetCli.RunAsync(consumer, StepTimeout, "nuget", "list", "source", "--format", "short");
        Assert.True(exit == 0, sources);
        var upstream = sources.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith("E ", StringComparison.Ordinal)).Select(line => line[2..].Trim()).ToList();
        Assert.NotEmpty(upstream);
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), NuGetConfig(upstream));

        // A temp packages folder keeps the packed packages out of ~/.nuget; everything else is found in the machine's cache.
        var cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var build = await DotnetCli.RunAsync(consumer, StepTimeout, "build", "-c", "Release", "-nologo", "-v", "q", "--disable-build-servers",
            "--packages", Path.Combine(work, "packages"), $"-p:RestoreAdditionalProjectFallbackFolders={cache}", $"-p:FeatureStoreVersion={version}");
        Assert.True(build.ExitCode == 0, $"the sample consumer did not build:\n{build.Output}");
        return consumer;
    }

    /// <summary>The feed for FeatureStore.* packages and the machine's own sources for the rest.</summary>
    private string NuGetConfig(IReadOnlyList<string> upstream)
    {
        var sources = new XElement("packageSources", new XElement("clear"), new XElement("add", new XAttribute("key", "local"), new XAttribute("value", Feed)));
        var mapping = new XElement("packageSourceMapping", new XElement("packageSource", new XAttribute("key", "local"), new XElement("package", new XAttribute("pattern", "FeatureStore.*"))));
        for (var i = 0; i < upstream.Count; i++)
        {
            sources.Add(new XElement("add", new XAttribute("key", $"upstream{i}"), new XAttribute("value", upstream[i])));
            mapping.Add(new XElement("packageSource", new XAttribute("key", $"upstream{i}"), new XElement("package", new XAttribute("pattern", "*"))));
        }

        return new XDocument(new XElement("configuration", sources, mapping)).ToString();
    }

    private string PackageVersion(string id)
    {
        var package = Assert.Single(Directory.GetFiles(Feed, $"{id}.*.nupkg"), p => char.IsDigit(Path.GetFileName(p)[id.Length + 1]));
        return Path.GetFileNameWithoutExtension(package)[(id.Length + 1)..];
    }

    /// <summary>The package's nuspec dependencies (id → version) for its one target framework.</summary>
    private Dictionary<string, string> Dependencies(string id, string version)
    {
        using var package = ZipFile.OpenRead(Path.Combine(Feed, $"{id}.{version}.nupkg"));
        using var nuspec = package.GetEntry($"{id}.nuspec")!.Open();
        var document = XDocument.Load(nuspec);
        return document.Descendants().Where(e => e.Name.LocalName == "dependency")
            .ToDictionary(e => e.Attribute("id")!.Value, e => e.Attribute("version")!.Value);
    }

    /// <summary>Every package in the consumer's restored closure, as "Id/Version" (project.assets.json "libraries").</summary>
    private static List<string> ResolvedPackages(string consumer)
    {
        using var assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(consumer, "obj", "project.assets.json")));
        return [.. assets.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name)];
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FeatureStore.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no FeatureStore.sln above {AppContext.BaseDirectory}");
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif
}

[CollectionDefinition(nameof(PackingTests), DisableParallelization = true)]
public sealed class PackingTestsCollection;
