using FeatureStore.Registry.Access;
using FeatureStore.Registry.Model;

namespace FeatureStore.Sdk.Access;

/// <summary>What a grant's target is in registry terms.</summary>
public static class GrantTargets
{
    /// <summary>The kind of registry object a grant target names.</summary>
    public static ObjectKind ObjectKindOf(GrantTargetKind kind) =>
        kind == GrantTargetKind.FeatureView ? ObjectKind.FeatureView : ObjectKind.FeatureService;

    /// <summary>"feature view 'x'" or "feature service 'x'".</summary>
    public static string Describe(GrantTargetKind kind, string target) => $"{ObjectKindOf(kind).Label()} '{target}'";

    /// <summary>"online and offline", "online" or "offline".</summary>
    public static string Modes(GrantDefinition grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return grant.Online && grant.Offline ? "online and offline" : grant.Online ? "online" : grant.Offline ? "offline" : "no mode";
    }
}
