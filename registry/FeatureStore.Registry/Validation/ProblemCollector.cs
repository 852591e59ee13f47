using FeatureStore.Registry.Model;

namespace FeatureStore.Registry.Validation;

/// <summary>Collects problems in the order rules find them, locating each through the locator.</summary>
internal sealed class ProblemCollector(IDefinitionLocator locator)
{
    private readonly List<DefinitionProblem> problems = [];

    public IReadOnlyList<DefinitionProblem> Problems => problems;

    public void Add(ObjectKind kind, string name, string? field, string message) =>
        problems.Add(new DefinitionProblem(locator.Locate(kind, name, field), message));
}
