using FeatureStore.Registry.Model;

namespace FeatureStore.Sdk.Access;

public static class PiiNames
{
    /// <summary>"none", "personal" or "sensitive": the spelling of definitions and the CLI.</summary>
    public static string Name(this PiiClass pii) => pii.ToString().ToLowerInvariant();
}
