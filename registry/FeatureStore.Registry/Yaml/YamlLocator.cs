using FeatureStore.Registry.Model;
using FeatureStore.Registry.Validation;

namespace FeatureStore.Registry.Yaml;

/// <summary>Locates objects of a loaded YAML repo as "relative/path.yaml:LINE:COL" (the field's node when known, else the object's).</summary>
internal sealed class YamlLocator : IDefinitionLocator
{
    private readonly Dictionary<(ObjectKind, string), ObjectPositions> objects = [];

    /// <summary>Registers an object; false (and nothing registered) when the name is already taken within its kind.</summary>
    public bool TryAdd(ObjectKind kind, string name, ObjectPositions positions) => objects.TryAdd((kind, name), positions);

    public string Locate(ObjectKind kind, string name, string? field = null) =>
        objects.TryGetValue((kind, name), out var positions)
            ? positions.Locate(field)
            : CodeLocator.Instance.Locate(kind, name, field);
}
