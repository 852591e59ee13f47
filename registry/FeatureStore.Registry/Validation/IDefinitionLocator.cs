using FeatureStore.Registry.Model;

namespace FeatureStore.Registry.Validation;

/// <summary>
/// Turns "which object, which field" into a place a user can find: "features/driver.yaml:12:5" for a YAML repo,
/// "feature view 'driver_stats', field 'ttl'" for definitions made in code.
/// </summary>
/// <remarks>
/// Field paths use the YAML key names: "ttl", "owner", "features[2]" (the third feature), "features[2].type",
/// "join_keys[0].type", "entities[1]"; for a feature service "features[1]" is its second view selection and
/// "features[1].features[0]" the first feature picked from it. A locator that does not know a path falls back to
/// the nearest enclosing one, and finally to the object itself.
/// </remarks>
public interface IDefinitionLocator
{
    string Locate(ObjectKind kind, string name, string? field = null);
}
