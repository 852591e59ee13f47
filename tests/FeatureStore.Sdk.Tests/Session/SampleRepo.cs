using FeatureStore.Cli;

namespace FeatureStore.Sdk.Tests.Session;

/// <summary>The sample repo of <c>featurestore init</c> (project "rides", 14 days of history up to this hour) in a temp folder.</summary>
internal sealed class SampleRepo : IDisposable
{
    private SampleRepo(string root)
    {
        Root = root;
        Dir = Path.Combine(root, "repo");
    }

    public string Root { get; }

    public string Dir { get; }

    public string PathOf(string relative) => Path.Combine(Dir, relative);

    public static async Task<SampleRepo> CreateAsync()
    {
        var repo = new SampleRepo(Directory.CreateTempSubdirectory("fs-sdk-").FullName);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(["init", repo.Dir, "--project", "rides"], output, error);
        Assert.True(exit == 0, error.ToString());
        return repo;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
