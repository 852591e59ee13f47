using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Registry.Planning;

/// <summary>Plan then commit in one step: load, plan, refuse unconfirmed breaking changes, commit against the revision that was planned on.</summary>
public static class RegistryApplier
{
    /// <exception cref="BreakingChangeException">Breaking changes are neither version-bumped nor allowed; nothing is written.</exception>
    /// <exception cref="RegistryConflictException">Another apply landed after the load; re-run to plan on the new state.</exception>
    public static async Task<ApplyOutcome> ApplyAsync(
        IRegistryStore store,
        RegistryDefinitions desired,
        PlanOptions options,
        string actor,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(desired);
        var state = await store.LoadAsync(desired.Project, ct);
        var plan = RegistryPlanner.Plan(desired, state, options);
        if (plan.BlockingBreakingChanges.Count > 0)
            throw new BreakingChangeException(plan);
        if (!plan.HasChanges)
            return new ApplyOutcome(plan, null);

        var writes = plan.Changes
            .Select(c => new ObjectWrite(c.Kind, c.Name, c.Change, c.NewDefinitionJson, ChangeSummary.Of(c)))
            .ToList();
        var record = await store.CommitAsync(desired.Project, plan.BaseRevision, actor, writes, ct);
        return new ApplyOutcome(plan, record);
    }
}
