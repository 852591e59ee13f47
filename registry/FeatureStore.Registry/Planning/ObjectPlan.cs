using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Registry.Planning;

/// <summary>
/// What an apply does to one object. <see cref="Breaking"/> is true when any field change (or the removal) is breaking;
/// <see cref="VersionBumped"/> is true when a feature view's declared version increased, which makes its breaking
/// changes deliberate. <see cref="NewDefinitionJson"/> is the canonical JSON to store (null for removals).
/// </summary>
public sealed record ObjectPlan(
    ObjectKind Kind,
    string Name,
    ChangeType Change,
    IReadOnlyList<FieldChange> Fields,
    bool Breaking,
    string? NewDefinitionJson,
    bool VersionBumped = false);
