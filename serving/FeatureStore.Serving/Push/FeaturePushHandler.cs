using FeatureStore.Online;
using FeatureStore.Serving.Access;
using FeatureStore.Serving.Features;
using FeatureStore.Serving.Snapshot;
using FeatureStore.Serving.V1;
using FeatureStore.Streaming;
using FeatureStore.Streaming.Push;

namespace FeatureStore.Serving.Push;

/// <summary>
/// PushFeatures: rows of one view through the streaming ingestion path (<see cref="FeaturePusher"/>), against the
/// registry snapshot being served. The ingestor is rebuilt when the snapshot's revision moves, so pushes follow applies
/// as reads do. With keys required, the caller needs an online grant covering every feature of the view
/// (<see cref="ServingAccess.CheckPush"/>). Refusals become <see cref="FeatureRequestException"/>s for the error boundary.
/// </summary>
internal sealed class FeaturePushHandler(
    RegistrySnapshotSource snapshots, IOnlineStore store, string? repoDir, StreamIngestorOptions options, ServingAccess access)
{
    private readonly Lock gate = new();
    private (long Revision, FeaturePusher Pusher)? current;

    /// <param name="authorization">The call's <c>authorization</c> header value; null when absent.</param>
    public async Task<PushFeaturesResponse> PushAsync(PushFeaturesRequest request, string? authorization, CancellationToken ct)
    {
        if (access.Required)
        {
            var snapshot = snapshots.Current
                ?? throw new FeatureRequestException(FeatureRequestError.Unavailable, $"no registry snapshot loaded yet: {snapshots.LastError}");
            access.CheckPush(snapshot, request.FeatureView, authorization, (options.Clock ?? TimeProvider.System).GetUtcNow());
        }

        if (string.IsNullOrEmpty(request.FeatureView))
            throw new FeatureRequestException(FeatureRequestError.InvalidArgument, "feature_view is empty; name the view whose rows are pushed");
        var pusher = Pusher();
        var rows = request.Rows.Select(r => (IReadOnlyDictionary<string, object?>)PushValues.ToColumns(r)).ToList();
        try
        {
            var result = await pusher.PushAsync(request.FeatureView, rows, ct).ConfigureAwait(false);
            return new PushFeaturesResponse
            {
                Accepted = result.Accepted,
                WrittenOnline = result.WrittenOnline,
                SkippedOlder = result.SkippedOlder,
                Late = result.Late,
            };
        }
        catch (PushRefusedException e)
        {
            throw new FeatureRequestException(Error(e.Refusal), e.Message);
        }
        catch (StreamIngestionException e)
        {
            // The registered definitions cannot be ingested (e.g. a push source whose path is one file).
            throw new FeatureRequestException(FeatureRequestError.FailedPrecondition, e.Message);
        }
    }

    private FeaturePusher Pusher()
    {
        if (repoDir is null)
            throw new FeatureRequestException(FeatureRequestError.FailedPrecondition,
                "this feature server was started without a feature repo folder (FeatureServerOptions.RepoDir), so it cannot append pushed rows");
        var snapshot = snapshots.Current
            ?? throw new FeatureRequestException(FeatureRequestError.Unavailable, $"no registry snapshot loaded yet: {snapshots.LastError}");
        lock (gate)
        {
            if (current is not { } loaded || loaded.Revision != snapshot.Revision)
            {
                var ingestor = new StreamIngestor(snapshot.Definitions, repoDir, store, options);
                current = loaded = (snapshot.Revision, new FeaturePusher(snapshot.Definitions, ingestor));
            }

            return loaded.Pusher;
        }
    }

    private static FeatureRequestError Error(PushRefusal refusal) => refusal switch
    {
        PushRefusal.UnknownView => FeatureRequestError.NotFound,
        PushRefusal.NotPushable => FeatureRequestError.FailedPrecondition,
        _ => FeatureRequestError.InvalidArgument,
    };
}
