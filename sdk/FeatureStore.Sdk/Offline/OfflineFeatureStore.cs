using FeatureStore.Offline;

namespace FeatureStore.Sdk.Offline;

/// <summary>
/// Entry point for training sets from C#: point it at a feature repo, ask for historical features, and run the returned
/// job when you want the data (write a Parquet file with its manifest, or stream record batches).
/// </summary>
/// <example><code>
/// var store = new OfflineFeatureStore("path/to/repo");
/// var job = store.GetHistoricalFeatures("labels.csv", ["driver_hourly_stats:conv_rate", "driver_embedding:embedding"]);
/// TrainingSetManifest manifest = await job.WriteAsync("train.parquet");
/// </code></example>
public sealed class OfflineFeatureStore(string repoDir)
{
    public string RepoDir { get; } = Path.GetFullPath(repoDir);

    /// <summary>A lazy job over feature references <c>view:feature</c> (or <c>view:*</c>).</summary>
    public TrainingSetJob GetHistoricalFeatures(string spinePath, IReadOnlyList<string> features, HistoricalFeatureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        return new TrainingSetJob(Request(spinePath, options) with { Features = features });
    }

    /// <summary>A lazy job over the features of a feature service.</summary>
    public TrainingSetJob GetHistoricalFeaturesForService(string spinePath, string featureService, HistoricalFeatureOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(featureService);
        return new TrainingSetJob(Request(spinePath, options) with { FeatureService = featureService });
    }

    private TrainingSetRequest Request(string spinePath, HistoricalFeatureOptions? options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spinePath);
        options ??= HistoricalFeatureOptions.Default;
        return new TrainingSetRequest
        {
            RepoDir = RepoDir,
            SpinePath = Path.GetFullPath(spinePath),
            FullFeatureNames = options.FullFeatureNames,
            AsOfCreated = options.AsOfCreated,
            AsOfCreatedByView = options.AsOfCreatedByView,
            StatusColumns = options.StatusColumns,
            TimestampColumn = options.TimestampColumn,
            MemoryBudgetBytes = options.MemoryBudgetBytes,
            TempDirectory = options.TempDirectory,
        };
    }
}
