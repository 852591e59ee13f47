using FeatureStore.Offline;
using FeatureStore.Registry.Storage;
using FeatureStore.Sdk.Offline;

namespace FeatureStore.Sdk;

// Training sets: point-in-time-correct features for a spine of labelled events.
public sealed partial class FeatureStoreSession
{
    /// <summary>
    /// A lazy training set: for each spine row, the values of <paramref name="features"/> (references <c>view:feature</c>,
    /// or <c>view:*</c> for all of a view) as known at the row's timestamp, from the applied registry.
    /// Personal or sensitive features need an API key with offline grants and a purpose (see <see cref="HistoricalFeatureOptions"/>).
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

    /// <summary>The registry store, for the audit lines and training-set records of exports.</summary>
    internal IRegistryStore RegistryStore => Registry;

    internal Task<RegistryState> LoadRegistryStateAsync(CancellationToken cancellationToken) => LoadStateAsync(cancellationToken);

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
        return new TrainingSetJob(this, select(request), options);
    }
}
