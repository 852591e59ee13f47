using FeatureStore.Registry.Model;

namespace FeatureStore.Registry.Access;

/// <summary>One requested feature the principal may not read, and why.</summary>
public sealed record AccessDenial(string View, string Feature, PiiClass Pii, string Reason)
{
    public string Reference => $"{View}:{Feature}";
}
