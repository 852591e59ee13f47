using FeatureStore.Offline.Validation;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Validation;

namespace FeatureStore.Sdk;

// Plan-time validation of definitions against the data they read: the one call site is
// RefuseBadSourceDataAsync, called by PlanAsync and ApplyAsync.
public sealed partial class FeatureStoreSession
{
    /// <summary>
    /// Checks every file of every data source (footers only) against the definitions: timestamp, created, join-key and
    /// feature columns present in types that can feed the declared ones. Errors make PlanAsync and ApplyAsync refuse;
    /// warnings (a source with no data yet) do not.
    /// </summary>
    public Task<IReadOnlyList<DataProblem>> CheckSourceDataAsync(RegistryDefinitions definitions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        return Task.Run(() => SourceDataValidator.Validate(definitions, RepoDir, cancellationToken), cancellationToken);
    }

    private async Task RefuseBadSourceDataAsync(RegistryDefinitions definitions, CancellationToken cancellationToken)
    {
        var errors = (await CheckSourceDataAsync(definitions, cancellationToken).ConfigureAwait(false))
            .Where(p => p.Severity == DataProblemSeverity.Error)
            .Select(p => new FeatureStoreProblem(p.Location, p.Message))
            .ToList();
        if (errors.Count > 0)
        {
            var more = errors.Count - DefinitionException.ProblemsInMessage;
            throw new FeatureStoreException(
                FeatureStoreErrorCode.InvalidSourceData,
                string.Join("; ", errors.Take(DefinitionException.ProblemsInMessage)) + (more > 0 ? $" (and {more} more)" : ""),
                problems: errors);
        }
    }
}
