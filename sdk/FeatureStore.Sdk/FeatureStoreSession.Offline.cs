using FeatureStore.Offline;
using FeatureStore.Sdk.Offline;

namespace FeatureStore.Sdk;

// Training sets: point-in-time-correct features for a spine of labelled events.
public sealed partial class FeatureStoreSession
{
    /// <summary>
    /// A lazy training set: for each spine row, the values of <paramref name="features"/> (references <c>view:feature</c>,
    /// or <c>view:*</c> for all of a view) as known at the row's timestamp, from the applied registry.
    /// </summary>
    public TrainingSetJob GetHistoricalFeatures(Spine spine, IReadOnlyList<string> features, HistoricalFeatureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        return Job(spine, options, request => request with { Features = features });
    }

    /// <summary>A lazy training set with the features of a registered feature service.</summary>
    public TrainingSetJob GetHistoricalFeaturesForService(Spine spine, string featureService, HistoricalFeatureOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(featureService);
        return Job(spine, options, request => request with { FeatureService = featureService });
    }

    private TrainingSetJob Job(Spine spine, HistoricalFeatureOptions? options, Func<TrainingSetRequest, TrainingSetRequest> select)
    {
        ArgumentNullException.ThrowIfNull(spine);
        options ??= HistoricalFeatureOptions.Default;
        var request = spine.ApplyTo(new TrainingSetRequest
        {
            RepoDir = RepoDir,
            FullFeatureNames = options.FullFeatureNames,
            AsOfCreated = options.AsOfCreated,
            AsOfCreatedByView = options.AsOfCreatedByView,
            StatusColumns = options.StatusColumns,
            MemoryBudgetBytes = options.MemoryBudgetBytes,
            TempDirectory = options.TempDirectory,
        });
        return new TrainingSetJob(select(request), async ct => RegistrySnapshot.FromState(await LoadStateAsync(ct).ConfigureAwait(false)));
    }
}
