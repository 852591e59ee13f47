using FeatureStore.Registry.Model;
using FeatureStore.Registry.Validation;

namespace FeatureStore.Registry.Yaml;

/// <summary>
/// Loads a feature repo directory: featurestore.yaml plus every other *.yaml/*.yml file of definitions.
/// Every file is read even when earlier ones have problems, then the whole set is validated; all problems
/// (malformed YAML, unknown keys, wrong values, failed rules) come back in ONE <see cref="DefinitionException"/>,
/// each located "relative/path.yaml:LINE:COL".
/// </summary>
public static class FeatureRepoLoader
{
    public static LoadedRepo Load(string repoDir)
    {
        var fullDir = CheckRepo(repoDir);
        var problems = new List<DefinitionProblem>();
        var config = ReadConfig(fullDir, problems);

        var set = new DefinitionSet();
        foreach (var relativePath in RepoFiles.FindDefinitionFiles(fullDir))
        {
            var source = new YamlSource(relativePath, problems);
            DefinitionFileReader.Read(ReadText(Path.Combine(fullDir, relativePath), source), source, set);
        }

        var definitions = set.ToDefinitions(config.Project);
        problems.AddRange(DefinitionValidator.Validate(definitions, set.Locator));
        if (problems.Count > 0)
        {
            throw new DefinitionException(problems);
        }

        return new LoadedRepo(fullDir, config, definitions, set.Locator);
    }

    /// <summary>Reads only featurestore.yaml (project and store settings), so a broken definition file cannot hide the registry.</summary>
    public static FeatureRepoConfig LoadConfig(string repoDir)
    {
        var problems = new List<DefinitionProblem>();
        var config = ReadConfig(CheckRepo(repoDir), problems);
        return problems.Count == 0 ? config : throw new DefinitionException(problems);
    }

    private static string CheckRepo(string repoDir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repoDir);
        var fullDir = Path.GetFullPath(repoDir);
        if (!Directory.Exists(fullDir))
        {
            throw new DefinitionException(new DefinitionProblem(fullDir, "feature repo directory not found"));
        }

        if (!File.Exists(Path.Combine(fullDir, RepoConfigReader.FileName)))
        {
            throw new DefinitionException(new DefinitionProblem(Path.Combine(fullDir, RepoConfigReader.FileName),
                $"{RepoConfigReader.FileName} not found; a feature repo needs one with at least 'project: <name>'"));
        }

        return fullDir;
    }

    private static FeatureRepoConfig ReadConfig(string fullDir, List<DefinitionProblem> problems)
    {
        var source = new YamlSource(RepoConfigReader.FileName, problems);
        return RepoConfigReader.Read(ReadText(Path.Combine(fullDir, RepoConfigReader.FileName), source), source);
    }

    private static string ReadText(string path, YamlSource source)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            source.Report(YamlDotNet.Core.Mark.Empty, $"cannot read the file: {e.Message}");
            return "";
        }
    }
}
