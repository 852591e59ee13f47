using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Registry.Planning;

/// <summary>
/// The difference between a repo's definitions and the registry at <see cref="BaseRevision"/>, with the options it was planned under.
/// <see cref="Changes"/> is sorted by kind then name.
/// </summary>
public sealed record RegistryPlan(
    string Project,
    long BaseRevision,
    PlanOptions Options,
    IReadOnlyList<ObjectPlan> Changes,
    IReadOnlyList<(ObjectKind Kind, string Name)> Unchanged,
    IReadOnlyList<(ObjectKind Kind, string Name)> MissingNotDeleted)
{
    public bool HasChanges => Changes.Count > 0;

    /// <summary>Breaking changes neither made deliberate by a version bump nor allowed by <see cref="PlanOptions.AllowBreaking"/>.</summary>
    public IReadOnlyList<ObjectPlan> BlockingBreakingChanges =>
        Options.AllowBreaking ? [] : [.. Changes.Where(c => c.Breaking && !c.VersionBumped)];

    public int CountOf(ChangeType change) => Changes.Count(c => c.Change == change);
}
