using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Registry.Planning;

/// <summary>An apply was refused because of breaking changes nobody confirmed; nothing was written. <see cref="Plan"/> has the details.</summary>
public sealed class BreakingChangeException : Exception
{
    public BreakingChangeException(RegistryPlan plan)
        : base(Describe(plan))
    {
        Plan = plan;
    }

    public RegistryPlan Plan { get; }

    private static string Describe(RegistryPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var blocked = plan.BlockingBreakingChanges;
        var breakingFields = blocked.SelectMany(o => o.Fields.Where(f => f.Breaking).Select(f => (Object: o, Field: f))).ToList();
        if (breakingFields.Count == 0)
            return $"apply of project '{plan.Project}' blocked by breaking changes";
        var (first, field) = breakingFields[0];
        var more = breakingFields.Count == 1 ? "1 breaking change" : $"{breakingFields.Count} breaking changes";
        var proceed = first.Kind == ObjectKind.FeatureView && first.Change == ChangeType.Changed
            ? "bump the view's version: or pass --allow-breaking"
            : "pass --allow-breaking to apply it anyway";
        return $"apply blocked ({more}): {first.Kind.Label()} '{first.Name}' {field.Path}: {field.Reason}; {proceed}";
    }
}
