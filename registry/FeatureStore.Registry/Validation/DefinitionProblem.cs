namespace FeatureStore.Registry.Validation;

/// <summary>One thing wrong with a definition set: where it is ("features/driver.yaml:12:5") and what is wrong.</summary>
public sealed record DefinitionProblem(string Location, string Message)
{
    public override string ToString() => $"{Location}: {Message}";
}
