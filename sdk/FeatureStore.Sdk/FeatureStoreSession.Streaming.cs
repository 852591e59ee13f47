using FeatureStore.Registry.Storage;
using FeatureStore.Sdk.Errors;
using FeatureStore.Sdk.Push;
using FeatureStore.Streaming;
using FeatureStore.Streaming.Push;

namespace FeatureStore.Sdk;

// The streaming side: the ingestion path shared by `featurestore ingest`, PushFeatures and PushAsync.
public sealed partial class FeatureStoreSession
{
    private readonly SemaphoreSlim pusherGate = new(1, 1);
    private (long Revision, FeaturePusher Pusher)? pusher;

    /// <summary>
    /// An ingestor over the project's applied definitions, the session's online store and the repo folder: it validates
    /// streamed or pushed records, writes them online through the event-time guard and appends them to their source's
    /// Parquet history. The ingestor uses the definitions as applied now (open another after an apply) and shares the
    /// session's online store, so it must not outlive the session.
    /// </summary>
    /// <exception cref="FeatureStoreException">Nothing applied (<see cref="FeatureStoreErrorCode.Ingestion"/>), or a registry
    /// or online store that cannot be opened.</exception>
    public async Task<StreamIngestor> OpenStreamIngestorAsync(StreamIngestorOptions? options = null, CancellationToken ct = default)
    {
        var state = await FeatureStoreErrors.GuardAsync(() => LoadStateAsync(ct)).ConfigureAwait(false);
        return IngestorOver(state, options);
    }

    /// <summary>
    /// Pushes rows of one online feature view whose data source has <c>stream: {kind: push}</c> straight into the
    /// configured online store (through the event-time guard: an older row never replaces a newer one) and appends them
    /// to the source's Parquet history with the push time as created timestamp, like the feature server's PushFeatures.
    /// Each row maps source column names (the names of the source's Parquet history) to values: the view's join keys,
    /// its features and the source's timestamp_field. Values may be typed (long, double, string, DateTimeOffset...) or
    /// text parsed by the column's declared type. All or nothing: every row is checked before any is written.
    /// </summary>
    /// <exception cref="FeatureStoreException"><see cref="FeatureStoreErrorCode.NotFound"/> for an unknown view;
    /// <see cref="FeatureStoreErrorCode.Ingestion"/> when the view takes no pushes or a row is bad (each bad row in
    /// <see cref="FeatureStoreException.Problems"/>, nothing written); an unreachable online store.</exception>
    public Task<PushSummary> PushAsync(string view, IEnumerable<IReadOnlyDictionary<string, object?>> rows, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(view);
        ArgumentNullException.ThrowIfNull(rows);
        return PushRowsAsync(view, [.. rows], static row => $"row {row}", cancellationToken);
    }

    /// <summary>
    /// Pushes the rows of a .parquet or .csv file (a CSV header names the columns; its values are parsed by each column's
    /// declared type, an empty field is null) as <see cref="PushAsync(string, IEnumerable{IReadOnlyDictionary{string, object}}, CancellationToken)"/>
    /// does; errors name the file and the line (CSV) or row (Parquet, from 1) at fault.
    /// </summary>
    /// <exception cref="FeatureStoreException">As the rows overload, plus an unreadable file (<see cref="FeatureStoreErrorCode.Ingestion"/>).</exception>
    public Task<PushSummary> PushAsync(string view, string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(view);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = PushFile.Read(path);
        return PushRowsAsync(view, file.Rows, file.Where, cancellationToken);
    }

    private async Task<PushSummary> PushRowsAsync(
        string view, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, Func<int, string> where, CancellationToken cancellationToken)
    {
        var current = await PusherAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await FeatureStoreErrors.GuardAsync(() => current.PushAsync(view, rows, cancellationToken)).ConfigureAwait(false);
            return new PushSummary(result.Accepted, result.WrittenOnline, result.SkippedOlder, result.Late, result.AppendedOffline);
        }
        catch (PushRefusedException e)
        {
            var code = e.Refusal == PushRefusal.UnknownView ? FeatureStoreErrorCode.NotFound : FeatureStoreErrorCode.Ingestion;
            var message = e.Rows.Count > 0 ? PushErrorText.Describe(e.View, e.Rows, where) : e.Message;
            throw new FeatureStoreException(code, message, e, [.. e.Rows.Select(r => new FeatureStoreProblem(where(r.Row), r.Reason))]);
        }
    }

    /// <summary>One pusher per registry revision, so pushes follow applies and a session's watermarks carry across calls.</summary>
    private async Task<FeaturePusher> PusherAsync(CancellationToken cancellationToken)
    {
        var revision = await FeatureStoreErrors.GuardAsync(() => Registry.GetRevisionAsync(Project, cancellationToken)).ConfigureAwait(false);
        await pusherGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (pusher is { } loaded && loaded.Revision == revision)
            {
                return loaded.Pusher;
            }

            var state = await FeatureStoreErrors.GuardAsync(() => LoadStateAsync(cancellationToken)).ConfigureAwait(false);
            var created = new FeaturePusher(state.ToDefinitions(), IngestorOver(state, null));
            pusher = (state.Revision, created);
            return created;
        }
        finally
        {
            pusherGate.Release();
        }
    }

    private StreamIngestor IngestorOver(RegistryState state, StreamIngestorOptions? options)
    {
        if (state.Revision == 0)
        {
            throw new FeatureStoreException(FeatureStoreErrorCode.Ingestion,
                $"project '{Project}' has nothing registered; {FeatureStoreHint.ApplyFirst.Text()}", hint: FeatureStoreHint.ApplyFirst);
        }

        var store = Online();
        options ??= StreamIngestorOptions.Default;
        var clocked = options.Clock is null ? options with { Clock = settings.Clock } : options;
        return FeatureStoreErrors.Guard(() => new StreamIngestor(state.ToDefinitions(), RepoDir, store, clocked));
    }
}
