using FeatureStore.Registry.Validation;
using YamlDotNet.Core;

namespace FeatureStore.Registry.Yaml;

/// <summary>One file being read: its repo-relative path and the shared problem list problems are reported into.</summary>
internal sealed class YamlSource(string relativePath, List<DefinitionProblem> problems)
{
    public string RelativePath { get; } = relativePath;

    public string Locate(Mark mark) => $"{RelativePath}:{mark.Line}:{mark.Column}";

    public void Report(Mark mark, string message) => problems.Add(new DefinitionProblem(Locate(mark), message));
}
