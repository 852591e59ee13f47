using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using FeatureStore.Offline;
using FeatureStore.Sdk.Arrow;
using FeatureStore.Sdk.Errors;
using ArrowRecordBatch = Apache.Arrow.RecordBatch;
using ParquetRecordBatch = FeatureStore.Parquet.RecordBatch;

namespace FeatureStore.Sdk.Offline;

/// <summary>
/// A training set not built yet: nothing is read until a method below runs, and each run reads the registry as applied
/// at that moment and builds afresh. Run it while its <see cref="FeatureStoreSession"/> is open.
/// Errors a caller can fix are <see cref="FeatureStoreException"/>s naming the file, column, view or reference.
/// </summary>
public sealed class TrainingSetJob
{
    private readonly Func<CancellationToken, Task<RegistrySnapshot>> loadRegistry;

    internal TrainingSetJob(TrainingSetRequest request, Func<CancellationToken, Task<RegistrySnapshot>> loadRegistry)
    {
        Request = request;
        this.loadRegistry = loadRegistry;
    }

    /// <summary>What will be built (spine, features or service, switches).</summary>
    public TrainingSetRequest Request { get; }

    /// <summary>Builds the training set in memory, to read by row and column or as typed rows.</summary>
    public Task<TrainingSetTable> ExecuteAsync(CancellationToken cancellationToken = default) =>
        FeatureStoreErrors.GuardAsync(async () => new TrainingSetTable(await BuildAsync(cancellationToken).ConfigureAwait(false)));

    /// <summary>Builds and maps every row onto <typeparamref name="T"/> (see <see cref="TrainingSetTable.ToRows{T}"/>).</summary>
    public async Task<IReadOnlyList<T>> ToRowsAsync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.PublicProperties)] T>(CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(cancellationToken).ConfigureAwait(false)).ToRows<T>();

    /// <summary>
    /// Builds and writes <paramref name="outputPath"/> (Parquet) and <c>OUTPUT.manifest.json</c> beside it, both renamed
    /// into place only when complete; the output columns are encoded while the join runs.
    /// </summary>
    public Task<TrainingSetManifest> WriteAsync(string outputPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        return FeatureStoreErrors.GuardAsync(async () =>
        {
            var registry = await loadRegistry(cancellationToken).ConfigureAwait(false);
            var written = await Task.Run(() => TrainingSetEngine.BuildToFile(registry, Request, outputPath, cancellationToken), cancellationToken).ConfigureAwait(false);
            return written.Manifest;
        });
    }

    /// <summary>Builds, then yields the rows in spine order, <paramref name="batchRows"/> at a time.</summary>
    public async IAsyncEnumerable<ParquetRecordBatch> ReadBatchesAsync(int batchRows = 65_536, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchRows);
        var trainingSet = await FeatureStoreErrors.GuardAsync(() => BuildAsync(cancellationToken)).ConfigureAwait(false);
        foreach (var batch in trainingSet.Batches(batchRows))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return batch;
        }
    }

    /// <summary>Builds the training set as one Apache Arrow record batch (status columns dictionary-encoded; see docs/arrow.md).</summary>
    public async Task<ArrowRecordBatch> ToArrowAsync(CancellationToken cancellationToken = default) =>
        ArrowBatches.ToArrow((await ExecuteAsync(cancellationToken).ConfigureAwait(false)).Batch);

    /// <summary>Builds, then yields the rows as Arrow record batches in spine order, <paramref name="batchRows"/> at a time.</summary>
    public async IAsyncEnumerable<ArrowRecordBatch> ReadArrowBatchesAsync(int batchRows = 65_536, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var batch in ReadBatchesAsync(batchRows, cancellationToken).ConfigureAwait(false))
        {
            yield return ArrowBatches.ToArrow(batch);
        }
    }

    private async Task<TrainingSet> BuildAsync(CancellationToken cancellationToken)
    {
        var registry = await loadRegistry(cancellationToken).ConfigureAwait(false);
        return await Task.Run(() => TrainingSetEngine.Build(registry, Request, cancellationToken), cancellationToken).ConfigureAwait(false);
    }
}
