using System.Diagnostics;
using FeatureStore.Online;
using FeatureStore.Serving.Health;
using FeatureStore.Serving.Metrics;
using FeatureStore.Serving.Snapshot;
using FeatureStore.Serving.Tracing;
using FeatureStore.Serving.V1;

namespace FeatureStore.Serving.Features;

/// <summary>
/// The transport-free core of GetOnlineFeatures: plan from the snapshot (no registry call), entity keys from the
/// request, one batched online-store read bounded by the call's cancellation. Bad requests throw
/// <see cref="FeatureRequestException"/>; store failures throw the store's own exceptions.
/// </summary>
internal sealed class OnlineFeatureReader(
    RegistrySnapshotSource snapshots,
    IOnlineStore store,
    ServingMetrics metrics,
    StoreHealth storeHealth,
    TimeProvider clock)
{
    public async Task<FeatureRead> ReadAsync(GetOnlineFeaturesRequest request, CancellationToken cancellationToken)
    {
        var snapshot = snapshots.Current
            ?? throw new FeatureRequestException(FeatureRequestError.Unavailable, $"the registry snapshot is not loaded: {snapshots.LastError}");
        var plan = request.KindCase switch
        {
            GetOnlineFeaturesRequest.KindOneofCase.FeatureService => snapshot.ServicePlan(request.FeatureService),
            GetOnlineFeaturesRequest.KindOneofCase.Features => snapshot.FeaturesPlan(request.Features.Val),
            _ => throw new FeatureRequestException(FeatureRequestError.InvalidArgument, "set either feature_service or features"),
        };
        if (!request.FullFeatureNames && plan.ShortNameConflict is { } conflict)
        {
            throw new FeatureRequestException(FeatureRequestError.InvalidArgument, conflict);
        }

        var (keysByGroup, rowCount) = EntityRowDecoder.Decode(plan, request.Entities);
        metrics.EntityRowsPerRequest.Observe(rowCount);
        metrics.FeaturesPerRequest.Observe(plan.FeatureCount);

        var reads = new OnlineReadRequest[plan.Views.Count];
        for (var v = 0; v < reads.Length; v++)
        {
            var view = plan.Views[v];
            reads[v] = new OnlineReadRequest(view.View, view.FeatureNames, keysByGroup[view.KeyGroup]);
        }

        var nowTicks = clock.GetUtcNow().UtcTicks;
        var result = await ReadStoreAsync(reads, rowCount, cancellationToken).ConfigureAwait(false);
        return new FeatureRead(plan, result, rowCount, nowTicks, request.FullFeatureNames);
    }

    private async Task<OnlineReadResult> ReadStoreAsync(OnlineReadRequest[] reads, int rowCount, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var span = ServingTracing.Source.StartActivity(ServingTracing.StoreReadSpan, ActivityKind.Client);
        span?.SetTag("featurestore.views", reads.Length);
        span?.SetTag("featurestore.entity_rows", rowCount);
        try
        {
            // WaitAsync: the call ends at its deadline even if a store call were slow to notice the cancellation.
            var result = await store.ReadAsync(reads, cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
            storeHealth.ReportSuccess();
            return result;
        }
        catch (OnlineStoreUnavailableException e)
        {
            storeHealth.ReportFailure(e.Message);
            span?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
        catch (Exception e)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
        finally
        {
            metrics.OnlineStoreReadLatency.ObserveElapsed(started);
        }
    }
}
