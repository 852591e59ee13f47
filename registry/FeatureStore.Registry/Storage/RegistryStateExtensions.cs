using FeatureStore.Registry.Model;

namespace FeatureStore.Registry.Storage;

/// <summary>Reads the model back out of a stored state.</summary>
public static class RegistryStateExtensions
{
    /// <summary>The state's objects deserialized (canonical JSON) into a definition set, each list sorted by name.</summary>
    public static RegistryDefinitions ToDefinitions(this RegistryState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        List<T> Of<T>(ObjectKind kind) =>
            [.. state.Objects.Where(o => o.Kind == kind).OrderBy(o => o.Name, StringComparer.Ordinal).Select(o => RegistryJson.Deserialize<T>(o.DefinitionJson))];
        return new RegistryDefinitions(
            state.Project,
            Of<EntityDefinition>(ObjectKind.Entity),
            Of<DataSourceDefinition>(ObjectKind.DataSource),
            Of<FeatureViewDefinition>(ObjectKind.FeatureView),
            Of<FeatureServiceDefinition>(ObjectKind.FeatureService));
    }

    /// <summary>The stored object, or null when the registry does not hold it.</summary>
    public static StoredObject? Find(this RegistryState state, ObjectKind kind, string name)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Objects.FirstOrDefault(o => o.Kind == kind && string.Equals(o.Name, name, StringComparison.Ordinal));
    }

    /// <summary>The registry-assigned version of an object, or null when the registry does not hold it.</summary>
    public static long? VersionOf(this RegistryState state, ObjectKind kind, string name) => state.Find(kind, name)?.Version;
}
