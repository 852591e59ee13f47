using System.Text;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Registry.Planning;

/// <summary>Renders a plan as a readable text diff: one block per object, one line per field, a summary and how to proceed.</summary>
public static class PlanPrinter
{
    public static string Render(RegistryPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var text = new StringBuilder();
        text.AppendLine($"Plan for project '{plan.Project}' (registry revision {plan.BaseRevision})");
        if (!plan.HasChanges)
            text.AppendLine("No changes: the registry already matches the definitions.");

        foreach (var change in plan.Changes)
            RenderObject(text, change);

        if (plan.Unchanged.Count > 0)
            text.AppendLine($"{plan.Unchanged.Count} unchanged");
        if (plan.MissingNotDeleted.Count > 0)
        {
            text.AppendLine("Kept in the registry but not in the repo (pass --delete-missing to remove): " +
                string.Join(", ", plan.MissingNotDeleted.Select(m => $"{m.Kind.Label()} {m.Name}")));
        }

        var breaking = plan.Changes.Count(c => c.Breaking);
        text.AppendLine($"{plan.CountOf(ChangeType.Added)} to add, {plan.CountOf(ChangeType.Changed)} to change, " +
                        $"{plan.CountOf(ChangeType.Removed)} to remove, {breaking} breaking");
        RenderBlocked(text, plan.BlockingBreakingChanges);
        return text.ToString();
    }

    private static void RenderObject(StringBuilder text, ObjectPlan change)
    {
        var label = $"{change.Kind.Label()} {change.Name}";
        text.AppendLine(change.Change switch
        {
            ChangeType.Added => $"+ {label} (new)",
            ChangeType.Removed => $"- {label}",
            _ => $"~ {label}",
        });
        foreach (var field in change.Fields)
        {
            var verdict = field.Breaking ? $"[breaking: {field.Reason}]" : field.Reason is null ? "[safe]" : $"[safe: {field.Reason}]";
            // A removal's only field says who still uses the object; its reason already names them.
            text.AppendLine(change.Change == ChangeType.Removed
                ? $"    {verdict}"
                : $"    {field.Path}: {ChangeSummary.Show(field.Before)} → {ChangeSummary.Show(field.After)}  {verdict}");
        }

        if (change.Breaking && change.VersionBumped)
            text.AppendLine("    (breaking changes accepted: the view's version was bumped)");
    }

    private static void RenderBlocked(StringBuilder text, IReadOnlyList<ObjectPlan> blocked)
    {
        if (blocked.Count == 0)
            return;
        text.AppendLine($"Blocked by {blocked.Count} breaking change(s): " +
                        string.Join(", ", blocked.Select(b => $"{b.Kind.Label()} {b.Name}")) + ".");
        if (blocked.Any(b => b.Kind == ObjectKind.FeatureView && b.Change == ChangeType.Changed))
            text.AppendLine("To make a new version of a feature view deliberately, bump its `version:`.");
        text.AppendLine("To apply breaking changes anyway, pass --allow-breaking.");
    }
}
