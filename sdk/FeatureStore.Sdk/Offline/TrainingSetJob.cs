using System.Runtime.CompilerServices;
using FeatureStore.Offline;
using FeatureStore.Parquet;

namespace FeatureStore.Sdk.Offline;

/// <summary>
/// A training set not built yet: nothing is read until <see cref="WriteAsync"/>, <see cref="ReadBatchesAsync"/> or
/// <see cref="ExecuteAsync"/> is called. Each call reads the registry as applied at that moment and builds afresh.
/// </summary>
public sealed class TrainingSetJob
{
    internal TrainingSetJob(TrainingSetRequest request)
    {
        Request = request;
    }

    public TrainingSetRequest Request { get; }

    /// <summary>Builds the training set in memory (spine rows × features, statuses and statistics).</summary>
    public async Task<TrainingSet> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        var registry = await RegistrySnapshot.LoadAsync(Request.RepoDir, cancellationToken).ConfigureAwait(false);
        return await Task.Run(() => TrainingSetEngine.Build(registry, Request, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Builds and writes <paramref name="outputPath"/> (Parquet) and its manifest atomically; the output columns are encoded
    /// while the join runs.
    /// </summary>
    public async Task<TrainingSetManifest> WriteAsync(string outputPath, CancellationToken cancellationToken = default)
    {
        var registry = await RegistrySnapshot.LoadAsync(Request.RepoDir, cancellationToken).ConfigureAwait(false);
        var written = await Task.Run(() => TrainingSetEngine.BuildToFile(registry, Request, outputPath, cancellationToken), cancellationToken).ConfigureAwait(false);
        return written.Manifest;
    }

    /// <summary>Builds and yields the rows in spine order, <paramref name="batchRows"/> at a time.</summary>
    public async IAsyncEnumerable<RecordBatch> ReadBatchesAsync(int batchRows = 65_536, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var trainingSet = await ExecuteAsync(cancellationToken).ConfigureAwait(false);
        foreach (var batch in trainingSet.Batches(batchRows))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return batch;
        }
    }
}
