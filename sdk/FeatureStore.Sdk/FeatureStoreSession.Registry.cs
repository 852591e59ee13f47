using FeatureStore.Registry.Model;
using FeatureStore.Registry.Planning;
using FeatureStore.Registry.Storage;
using FeatureStore.Registry.Validation;
using FeatureStore.Registry.Yaml;
using FeatureStore.Sdk.Errors;
using FeatureStore.Sdk.Listing;

namespace FeatureStore.Sdk;

// Definitions and the registry: plan, apply, list, describe, history.
public sealed partial class FeatureStoreSession
{
    /// <summary>The definitions declared in the repo's YAML files (every *.yaml besides featurestore.yaml), validated.</summary>
    /// <exception cref="FeatureStoreException">Malformed YAML or broken rules, every problem located "file.yaml:LINE:COL".</exception>
    public RegistryDefinitions LoadRepoDefinitions() => FeatureStoreErrors.Guard(() => FeatureRepoLoader.Load(RepoDir).Definitions);

    /// <summary>What <see cref="ApplyAsync"/> would change, object by object and field by field (render it with <see cref="PlanPrinter"/>).</summary>
    /// <exception cref="FeatureStoreException">Definitions for another project or breaking rules, or source data that cannot
    /// feed them (<see cref="FeatureStoreErrorCode.InvalidSourceData"/>; warnings such as "no data yet": <see cref="CheckSourceDataAsync"/>).</exception>
    public Task<RegistryPlan> PlanAsync(RegistryDefinitions definitions, ApplyOptions? options = null, CancellationToken cancellationToken = default)
    {
        CheckDefinitions(definitions);
        options ??= ApplyOptions.Default;
        return FeatureStoreErrors.GuardAsync(async () =>
        {
            await RefuseBadSourceDataAsync(definitions, cancellationToken).ConfigureAwait(false);
            return RegistryPlanner.Plan(definitions, await LoadStateAsync(cancellationToken).ConfigureAwait(false), PlanOptionsOf(options));
        });
    }

    /// <summary>
    /// Applies <paramref name="definitions"/> to the registry: every change or none, recorded with who did it. Returns the
    /// plan and the recorded apply (null when the registry already matched).
    /// </summary>
    /// <exception cref="FeatureStoreException">Another project, broken rules, breaking changes not allowed
    /// (<see cref="FeatureStoreErrorCode.BreakingChange"/>), or a concurrent apply (<see cref="FeatureStoreErrorCode.RegistryConflict"/>).</exception>
    public Task<ApplyOutcome> ApplyAsync(RegistryDefinitions definitions, ApplyOptions? options = null, CancellationToken cancellationToken = default)
    {
        CheckDefinitions(definitions);
        options ??= ApplyOptions.Default;
        return FeatureStoreErrors.GuardAsync(async () =>
        {
            await RefuseBadSourceDataAsync(definitions, cancellationToken).ConfigureAwait(false);
            return await RegistryApplier.ApplyAsync(Registry, definitions, PlanOptionsOf(options), options.EffectiveActor, cancellationToken).ConfigureAwait(false);
        });
    }

    /// <summary>Everything the project's registry holds now, with versions.</summary>
    public Task<RegistryListing> ListAsync(CancellationToken cancellationToken = default) =>
        FeatureStoreErrors.GuardAsync(async () => RegistryInspection.List(await LoadStateAsync(cancellationToken).ConfigureAwait(false)));

    /// <summary>The registered objects called <paramref name="name"/> (an entity and a view may share a name), in full.</summary>
    /// <exception cref="FeatureStoreException"><see cref="FeatureStoreErrorCode.NotFound"/> when nothing has that name.</exception>
    public async Task<IReadOnlyList<ObjectDescription>> DescribeAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var found = await FeatureStoreErrors.GuardAsync(async () =>
            RegistryInspection.Describe(await LoadStateAsync(cancellationToken).ConfigureAwait(false), name)).ConfigureAwait(false);
        return found.Count > 0
            ? found
            : throw new FeatureStoreException(FeatureStoreErrorCode.NotFound, $"no object named '{name}' in project '{Project}'");
    }

    /// <summary>Applies of the project, newest first: who, when, what changed; only those touching <paramref name="objectName"/> when given.</summary>
    public Task<IReadOnlyList<ApplyRecord>> HistoryAsync(string? objectName = null, int limit = 50, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var filter = objectName is null ? null : new HistoryFilter(null, objectName);
        return FeatureStoreErrors.GuardAsync(() => Registry.GetHistoryAsync(Project, filter, limit, cancellationToken));
    }

    private void CheckDefinitions(RegistryDefinitions definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        if (definitions.Project != Project)
        {
            throw new FeatureStoreException(FeatureStoreErrorCode.ProjectMismatch,
                $"the definitions are for project '{definitions.Project}' but {ConfigPath} names project '{Project}'; " +
                $"build them with new FeatureRepository(\"{Project}\") or change 'project:' in featurestore.yaml");
        }

        FeatureStoreErrors.Guard(() =>
        {
            DefinitionValidator.ThrowIfInvalid(definitions, CodeLocator.Instance);
            return true;
        });
    }

    private static PlanOptions PlanOptionsOf(ApplyOptions options) => new(options.AllowBreaking, options.DeleteMissing);
}
