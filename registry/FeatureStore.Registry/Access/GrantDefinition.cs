using FeatureStore.Registry.Model;

namespace FeatureStore.Registry.Access;

/// <summary>What a grant covers: every feature of one feature view, or the features one feature service selects.</summary>
public enum GrantTargetKind
{
    FeatureService,
    FeatureView,
}

/// <summary>
/// Lets <see cref="Principal"/> read the features of <see cref="Target"/> whose PII class is at most <see cref="MaxPii"/>,
/// online and/or offline. Stored as an <see cref="ObjectKind.Grant"/> object named by <see cref="NameOf"/>, so grant
/// changes are versioned in the registry history like every other object.
/// </summary>
public sealed record GrantDefinition(string Principal, GrantTargetKind TargetKind, string Target, PiiClass MaxPii, bool Online, bool Offline)
{
    public string Name => NameOf(Principal, TargetKind, Target);

    /// <summary>"principal:feature_service:name" or "principal:feature_view:name": one grant per principal and target.</summary>
    public static string NameOf(string principal, GrantTargetKind kind, string target) =>
        $"{principal}:{(kind == GrantTargetKind.FeatureService ? "feature_service" : "feature_view")}:{target}";

    public bool Allows(AccessMode mode) => mode == AccessMode.Online ? Online : Offline;
}
