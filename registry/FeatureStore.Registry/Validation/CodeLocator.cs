using FeatureStore.Registry.Model;

namespace FeatureStore.Registry.Validation;

/// <summary>Locates problems of definitions made in code by naming the object and field: "feature view 'driver_stats', field 'ttl'".</summary>
public sealed class CodeLocator : IDefinitionLocator
{
    public static CodeLocator Instance { get; } = new();

    public string Locate(ObjectKind kind, string name, string? field = null) =>
        field is null ? $"{kind.Label()} '{name}'" : $"{kind.Label()} '{name}', field '{field}'";
}
