using FeatureStore.Materialization.Running;

namespace FeatureStore.Sdk;

/// <summary>
/// A materialization run ended with failed views (a quality gate that fails, a store that went away). Views that succeeded
/// are durable online; <see cref="Summary"/> has every view's result. The message names the first failed view's error.
/// </summary>
public sealed class MaterializationFailedException : FeatureStoreException
{
    public MaterializationFailedException(MaterializationSummary summary)
        : base(FeatureStoreErrorCode.MaterializationFailed, Describe(summary))
    {
        Summary = summary;
    }

    public MaterializationSummary Summary { get; }

    private static string Describe(MaterializationSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var failed = summary.Views.Where(v => !v.Succeeded).ToList();
        if (failed.Count == 0)
        {
            throw new ArgumentException("the run has no failed view", nameof(summary));
        }

        return failed[0].Error + (failed.Count > 1 ? $" (and {failed.Count - 1} more failed view(s))" : "");
    }
}
