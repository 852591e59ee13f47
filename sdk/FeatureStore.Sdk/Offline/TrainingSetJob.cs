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
/// at that moment, checks the export (principal, grants, purpose: <see cref="HistoricalFeatureOptions"/>) before reading
/// any data, and builds afresh. Run it while its <see cref="FeatureStoreSession"/> is open.
/// Errors a caller can fix are <see cref="FeatureStoreException"/>s naming the file, column, view or reference.
/// </summary>
public sealed class TrainingSetJob
{
    private const string InMemoryDestination = "memory";
    private readonly FeatureStoreSession session;
    private readonly HistoricalFeatureOptions options;

    internal TrainingSetJob(FeatureStoreSession session, TrainingSetRequest request, HistoricalFeatureOptions options)
    {
        this.session = session;
        this.options = options;
        Request = request;
    }

    /// <summary>What will be built (spine, features or service, switches).</summary>
    public TrainingSetRequest Request { get; }

    /// <summary>Builds the training set in memory, to read by row and column or as typed rows (masked columns hold hashes).</summary>
    public Task<TrainingSetTable> ExecuteAsync(CancellationToken cancellationToken = default) =>
        FeatureStoreErrors.GuardAsync(async () =>
        {
            var (table, export) = await BuildAsync(cancellationToken).ConfigureAwait(false);
            await OfflineExportRecords.RecordAsync(session, export, options.ExportDestination ?? InMemoryDestination, table.RowCount, null, cancellationToken)
                .ConfigureAwait(false);
            return table;
        });

    /// <summary>Builds and maps every row onto <typeparamref name="T"/> (see <see cref="TrainingSetTable.ToRows{T}"/>).</summary>
    public async Task<IReadOnlyList<T>> ToRowsAsync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.PublicProperties)] T>(CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(cancellationToken).ConfigureAwait(false)).ToRows<T>();

    /// <summary>
    /// Builds and writes <paramref name="outputPath"/> (Parquet) and <c>OUTPUT.manifest.json</c> beside it, both renamed
    /// into place only when complete; unmasked output columns are encoded while the join runs. The training set is
    /// recorded in the registry (erasure lists it) and, with personal or sensitive features, in the audit log.
    /// </summary>
    public Task<TrainingSetManifest> WriteAsync(string outputPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        var output = Path.GetFullPath(outputPath);
        return FeatureStoreErrors.GuardAsync(async () =>
        {
            var (registry, export) = await AuthorizeAsync(cancellationToken).ConfigureAwait(false);
            var request = RequestFor(export);
            TrainingSetManifest manifest;
            if (export.Mask is null)
            {
                manifest = (await Task.Run(() => TrainingSetEngine.BuildToFile(registry, request, output, cancellationToken), cancellationToken).ConfigureAwait(false)).Manifest;
            }
            else
            {
                var table = new TrainingSetTable(await Task.Run(() => TrainingSetEngine.Build(registry, request, cancellationToken), cancellationToken).ConfigureAwait(false), export.Mask);
                manifest = await Task.Run(() => TrainingSetFiles.WriteParquet(table, output, cancellationToken), cancellationToken).ConfigureAwait(false);
            }

            await OfflineExportRecords.RecordAsync(session, export, output, manifest.OutputRows, ManifestJson.PathFor(output), cancellationToken).ConfigureAwait(false);
            return manifest;
        });
    }

    /// <summary>
    /// Builds and writes <paramref name="outputPath"/> as an Arrow IPC file (the types of docs/arrow.md, status columns
    /// dictionary-encoded) with the same manifest as <see cref="WriteAsync"/> beside it, recording the Arrow file as output.
    /// </summary>
    public Task<TrainingSetManifest> WriteArrowAsync(string outputPath, ArrowCompression compression = ArrowCompression.None, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        var output = Path.GetFullPath(outputPath);
        return FeatureStoreErrors.GuardAsync(async () =>
        {
            var (table, export) = await BuildAsync(cancellationToken).ConfigureAwait(false);
            var manifest = await TrainingSetFiles.WriteArrowAsync(table, output, compression, cancellationToken).ConfigureAwait(false);
            await OfflineExportRecords.RecordAsync(session, export, output, manifest.OutputRows, ManifestJson.PathFor(output), cancellationToken).ConfigureAwait(false);
            return manifest;
        });
    }

    /// <summary>Builds, then yields the rows in spine order, <paramref name="batchRows"/> at a time.</summary>
    public async IAsyncEnumerable<ParquetRecordBatch> ReadBatchesAsync(int batchRows = 65_536, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchRows);
        var table = await ExecuteAsync(cancellationToken).ConfigureAwait(false);
        foreach (var batch in table.Batches(batchRows))
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

    private async Task<(TrainingSetTable Table, AuthorizedExport Export)> BuildAsync(CancellationToken cancellationToken)
    {
        var (registry, export) = await AuthorizeAsync(cancellationToken).ConfigureAwait(false);
        var request = RequestFor(export);
        var trainingSet = await Task.Run(() => TrainingSetEngine.Build(registry, request, cancellationToken), cancellationToken).ConfigureAwait(false);
        return (new TrainingSetTable(trainingSet, export.Mask), export);
    }

    /// <summary>Reads the registry as applied now and checks the export against its keys and grants, before any data is read.</summary>
    private async Task<(RegistrySnapshot Registry, AuthorizedExport Export)> AuthorizeAsync(CancellationToken cancellationToken)
    {
        var state = await session.LoadRegistryStateAsync(cancellationToken).ConfigureAwait(false);
        var export = OfflineExportAuthorization.Authorize(state, session.Config, Request, options, DateTimeOffset.UtcNow);
        return (RegistrySnapshot.FromState(state), export);
    }

    private TrainingSetRequest RequestFor(AuthorizedExport export) => Request with { Principal = export.Principal, Purpose = export.Purpose };
}
