namespace FeatureStore.Cli.Tests;

/// <summary>A scratch directory for one test, deleted afterwards.</summary>
internal sealed class TempRepo : IDisposable
{
    public TempRepo()
    {
        Root = Path.Combine(Path.GetTempPath(), "fs-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Dir = Path.Combine(Root, "repo");
    }

    public string Root { get; }

    /// <summary>The feature repo directory (created by <c>init</c>).</summary>
    public string Dir { get; }

    public string PathOf(string relative) => Path.Combine(Dir, relative);

    public void Edit(string relative, string find, string replace)
    {
        var text = File.ReadAllText(PathOf(relative));
        Assert.Contains(find, text);
        File.WriteAllText(PathOf(relative), text.Replace(find, replace, StringComparison.Ordinal));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a dying child process: leave the scratch folder for the OS to clean.
        }
    }
}
