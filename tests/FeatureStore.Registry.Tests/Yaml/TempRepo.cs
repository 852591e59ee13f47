using FeatureStore.Registry.Validation;
using FeatureStore.Registry.Yaml;

namespace FeatureStore.Registry.Tests.Yaml;

/// <summary>A feature repo in a fresh temp directory, deleted on dispose.</summary>
internal sealed class TempRepo : IDisposable
{
    public TempRepo(string project = "quickstart")
    {
        Dir = Path.Combine(Path.GetTempPath(), "fs-repo-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Dir);
        if (project.Length > 0)
        {
            Write("featurestore.yaml", $"project: {project}\n");
        }
    }

    public string Dir { get; }

    public TempRepo Write(string relativePath, string text)
    {
        var path = Path.Combine(Dir, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
        return this;
    }

    public LoadedRepo Load() => FeatureRepoLoader.Load(Dir);

    /// <summary>Loads expecting failure and returns every problem as "location: message".</summary>
    public IReadOnlyList<string> Problems() =>
        [.. Assert.Throws<DefinitionException>(Load).Problems.Select(p => p.ToString())];

    public void Dispose()
    {
        if (Directory.Exists(Dir))
        {
            Directory.Delete(Dir, recursive: true);
        }
    }
}
