using System.Text.Json;
using System.Xml.Linq;
using FeatureStore.Client.Tests;
using FeatureStore.Parquet.Tests.Interop;

namespace FeatureStore.Sdk.Tests.Docs;

/// <summary>
/// FeatureStore.Sdk and every package it depends on, packed from the repo into a local folder feed once for the Docs tests,
/// and the projects built from it the way a user builds them: outside the repo (so its Directory.Build.props and central
/// package versions do not apply), FeatureStore.* from the feed only, warnings as errors.
/// </summary>
public sealed class PackedSdkFeed : IAsyncLifetime
{
    /// <summary>FeatureStore.Sdk and its FeatureStore.* dependencies, relative to the repo root.</summary>
    public static readonly IReadOnlyList<string> Projects =
    [
        "protos/FeatureStore.Protos/FeatureStore.Protos.csproj",
        "sdk/FeatureStore.Client/FeatureStore.Client.csproj",
        "registry/FeatureStore.Registry/FeatureStore.Registry.csproj",
        "offline/FeatureStore.Parquet/FeatureStore.Parquet.csproj",
        "offline/FeatureStore.Offline/FeatureStore.Offline.csproj",
        "online/FeatureStore.Online/FeatureStore.Online.csproj",
        "online/FeatureStore.Materialization/FeatureStore.Materialization.csproj",
        "online/FeatureStore.Streaming/FeatureStore.Streaming.csproj",
        "sdk/FeatureStore.Sdk/FeatureStore.Sdk.csproj",
    ];

    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(3);

    private readonly string work = Directory.CreateTempSubdirectory("fs-docs-").FullName;

    private string Feed => Path.Combine(work, "feed");

    /// <summary>The version of the packed packages (Version in Directory.Build.props).</summary>
    public string Version { get; private set; } = "";

    /// <summary>Where the builds' restores put packages: a private folder, so packed packages never reach ~/.nuget.</summary>
    public string PackagesFolder => Path.Combine(work, "packages");

    /// <summary>A new empty folder next to the feed, for a project and what it writes.</summary>
    public string NewFolder(string name) => Directory.CreateDirectory(Path.Combine(work, name)).FullName;

    /// <summary>
    /// Packs in one dotnet pack of a solution filter, from the build outputs the tests run from, so packing is an up-to-date
    /// check rather than a second build.
    /// </summary>
    public async Task InitializeAsync()
    {
        var filter = Path.Combine(work, "pack.slnf");
        await File.WriteAllTextAsync(filter, JsonSerializer.Serialize(new
        {
            solution = new { path = Path.Combine(RepoPaths.Root, "FeatureStore.sln"), projects = Projects },
        }));
        var (exit, output) = await DotnetCli.RunAsync(RepoPaths.Root, StepTimeout,
            ["pack", filter, "-c", Configuration, "-o", Feed, "-nologo", "-v", "q", "--disable-build-servers", .. ArtifactsArguments()]);
        Assert.True(exit == 0, $"dotnet pack of {string.Join(", ", Projects)} failed:\n{output}");
        foreach (var id in Projects.Select(Path.GetFileNameWithoutExtension))
        {
            Assert.True(Directory.GetFiles(Feed, $"{id}.*.nupkg").Length == 1, $"dotnet pack made no single {id} package in {Feed}");
        }

        Version = Path.GetFileNameWithoutExtension(Assert.Single(Directory.GetFiles(Feed, "FeatureStore.Sdk.*.nupkg")))["FeatureStore.Sdk.".Length..];
    }

    public Task DisposeAsync()
    {
        Directory.Delete(work, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The project file of a console app that references FeatureStore.Sdk only, as `dotnet new console` + `dotnet add package` make it.</summary>
    public string ConsoleProjectFile() => new XElement("Project", new XAttribute("Sdk", "Microsoft.NET.Sdk"),
        new XElement("PropertyGroup",
            new XElement("OutputType", "Exe"),
            new XElement("TargetFramework", "net10.0"),
            new XElement("ImplicitUsings", "enable"),
            new XElement("Nullable", "enable")),
        new XElement("ItemGroup",
            new XElement("PackageReference", new XAttribute("Include", "FeatureStore.Sdk"), new XAttribute("Version", Version)))).ToString();

    /// <summary>
    /// Builds the one project or solution in <paramref name="dir"/> from this feed and the machine's own sources. Packages are
    /// taken from the machine's cache where they are (no download), except FeatureStore.*, which come from the feed.
    /// </summary>
    public async Task BuildAsync(string dir)
    {
        var (exit, sources) = await DotnetCli.RunAsync(dir, StepTimeout, "nuget", "list", "source", "--format", "short");
        Assert.True(exit == 0, sources);
        var upstream = sources.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith("E ", StringComparison.Ordinal)).Select(line => line[2..].Trim()).ToList();
        Assert.NotEmpty(upstream);
        await File.WriteAllTextAsync(Path.Combine(dir, "nuget.config"), NuGetConfig(upstream));

        var build = await DotnetCli.RunAsync(dir, StepTimeout, "build", "-c", "Release", "-nologo", "-v", "q", "--disable-build-servers",
            "--packages", PackagesFolder, $"-p:RestoreAdditionalProjectFallbackFolders={CacheWithoutFeatureStore()}", "-p:TreatWarningsAsErrors=true");
        Assert.True(build.ExitCode == 0, $"{dir} did not build:\n{build.Output}");
        Assert.True(Directory.Exists(Path.Combine(PackagesFolder, "featurestore.sdk", Version)), "FeatureStore.Sdk was not restored from the local feed");
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

    /// <summary>
    /// The machine's package cache as a folder of links, minus FeatureStore.* packages: a fallback folder is consulted before
    /// any source, so a FeatureStore.Sdk of the same version cached by someone following the docs would shadow the feed.
    /// </summary>
    private string CacheWithoutFeatureStore()
    {
        var links = Directory.CreateDirectory(Path.Combine(work, "cache")).FullName;
        var cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        if (Directory.Exists(cache))
        {
            foreach (var package in Directory.EnumerateDirectories(cache))
            {
                var name = Path.GetFileName(package);
                if (!name.StartsWith("featurestore.", StringComparison.OrdinalIgnoreCase) && !Directory.Exists(Path.Combine(links, name)))
                {
                    Directory.CreateSymbolicLink(Path.Combine(links, name), package);
                }
            }
        }

        return links;
    }

    /// <summary>Packs from the artifacts folder when the tests were built with --artifacts-path (bin/FeatureStore.Sdk.Tests/ is then in the path).</summary>
    private static string[] ArtifactsArguments()
    {
        var marker = $"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}FeatureStore.Sdk.Tests{Path.DirectorySeparatorChar}";
        var at = AppContext.BaseDirectory.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? [] : ["--artifacts-path", AppContext.BaseDirectory[..at]];
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif
}
