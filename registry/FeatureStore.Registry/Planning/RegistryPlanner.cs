using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Registry.Planning;

/// <summary>Compares a repo's definitions with the registry's state and says, object by object and field by field, what an apply would do.</summary>
public static class RegistryPlanner
{
    public static RegistryPlan Plan(RegistryDefinitions desired, RegistryState current, PlanOptions options)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(options);
        if (desired.Project != current.Project)
            throw new ArgumentException($"definitions are for project '{desired.Project}' but the registry state is for '{current.Project}'", nameof(current));

        var registered = current.ToDefinitions();
        desired = RetainedVersions.Carry(desired, registered);
        RetainedVersions.Check(desired, registered, options.DeleteMissing);
        var usage = new UsageIndex(desired, registered);
        var context = new PlanContext(options, usage);

        Compare(context, ObjectKind.Entity, desired.Entities, registered.Entities, e => e.Name, ObjectDiffer.Entity, _ => false);
        Compare(context, ObjectKind.DataSource, desired.DataSources, registered.DataSources, s => s.Name, ObjectDiffer.DataSource, _ => false);
        Compare(context, ObjectKind.FeatureView, desired.FeatureViews, registered.FeatureViews, v => v.Name,
            (before, after) => ObjectDiffer.FeatureView(before, after, usage), pair => pair.After.Version > pair.Before.Version);
        Compare(context, ObjectKind.FeatureService, desired.FeatureServices, registered.FeatureServices, s => s.Name, ObjectDiffer.FeatureService, _ => false);

        var changes = context.Changes.OrderBy(c => c.Kind).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
        return new RegistryPlan(desired.Project, current.Revision, options, changes, context.Unchanged, context.Missing);
    }

    private static void Compare<T>(
        PlanContext context,
        ObjectKind kind,
        IReadOnlyList<T> desired,
        IReadOnlyList<T> registered,
        Func<T, string> nameOf,
        Func<T, T, IReadOnlyList<FieldChange>> diff,
        Func<(T Before, T After), bool> versionBumped)
        where T : notnull
    {
        var registeredByName = registered.ToDictionary(nameOf, StringComparer.Ordinal);
        var desiredNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var wanted in desired.OrderBy(nameOf, StringComparer.Ordinal))
        {
            var name = nameOf(wanted);
            if (!desiredNames.Add(name))
                throw new ArgumentException($"{kind.Label()} '{name}' is declared twice", nameof(desired));
            var json = RegistryJson.Serialize(wanted);
            if (!registeredByName.TryGetValue(name, out var existing))
            {
                context.Changes.Add(new ObjectPlan(kind, name, ChangeType.Added, [], Breaking: false, json));
            }
            else if (json == RegistryJson.Serialize(existing))
            {
                context.Unchanged.Add((kind, name));
            }
            else
            {
                var fields = diff(existing, wanted);
                var breaking = fields.Any(f => f.Breaking);
                context.Changes.Add(new ObjectPlan(kind, name, ChangeType.Changed, fields, breaking, json, breaking && versionBumped((existing, wanted))));
            }
        }

        foreach (var name in registeredByName.Keys.Where(n => !desiredNames.Contains(n)).Order(StringComparer.Ordinal))
        {
            if (!context.Options.DeleteMissing)
            {
                context.Missing.Add((kind, name));
                continue;
            }

            var fields = RemovalFields(kind, name, context.Usage);
            context.Changes.Add(new ObjectPlan(kind, name, ChangeType.Removed, fields, fields.Any(f => f.Breaking), NewDefinitionJson: null));
        }
    }

    /// <summary>A removal is breaking when something that stays still uses the object.</summary>
    private static IReadOnlyList<FieldChange> RemovalFields(ObjectKind kind, string name, UsageIndex usage)
    {
        var (users, userKind) = kind switch
        {
            ObjectKind.FeatureView => (usage.ServicesUsingView(name), "feature service"),
            ObjectKind.Entity => (usage.ViewsUsingEntity(name), "feature view"),
            ObjectKind.DataSource => (usage.ViewsUsingSource(name), "feature view"),
            _ => ([], ""),
        };
        return users.Count == 0
            ? []
            : [new FieldChange("used_by", $"{userKind} {ObjectDiffer.Quoted(users)}", null, Breaking: true, $"still used by {userKind} {ObjectDiffer.Quoted(users)}")];
    }

    private sealed class PlanContext(PlanOptions options, UsageIndex usage)
    {
        public PlanOptions Options { get; } = options;
        public UsageIndex Usage { get; } = usage;
        public List<ObjectPlan> Changes { get; } = [];
        public List<(ObjectKind, string)> Unchanged { get; } = [];
        public List<(ObjectKind, string)> Missing { get; } = [];
    }
}
