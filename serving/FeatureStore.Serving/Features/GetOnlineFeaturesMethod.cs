using FeatureStore.Online;
using FeatureStore.Protos.Wire;
using FeatureStore.Serving.Grpc;
using FeatureStore.Serving.Health;
using FeatureStore.Serving.Metrics;
using FeatureStore.Serving.Snapshot;
using FeatureStore.Serving.V1;

namespace FeatureStore.Serving.Features;

/// <summary>
/// <c>featurestore.serving.v1.FeatureServing/GetOnlineFeatures</c>: plan from the snapshot (no registry call), entity
/// keys from the request, one batched online-store read bounded by the call's deadline, statuses and TTL per value.
/// </summary>
internal sealed class GetOnlineFeaturesMethod(
    RegistrySnapshotSource snapshots,
    IOnlineStore store,
    ServingMetrics metrics,
    StoreHealth storeHealth,
    TimeProvider clock)
    : UnaryMethod<GetOnlineFeaturesRequest>(ServiceName, "GetOnlineFeatures", GetOnlineFeaturesRequest.Parser)
{
    public const string ServiceName = "featurestore.serving.v1.FeatureServing";

    protected override async ValueTask<IGrpcReply> HandleAsync(GetOnlineFeaturesRequest request, GrpcCallContext context)
    {
        var snapshot = snapshots.Current
            ?? throw new GrpcStatusException(GrpcStatusCode.Unavailable, $"the registry snapshot is not loaded: {snapshots.LastError}");
        var plan = request.KindCase switch
        {
            GetOnlineFeaturesRequest.KindOneofCase.FeatureService => snapshot.ServicePlan(request.FeatureService),
            GetOnlineFeaturesRequest.KindOneofCase.Features => snapshot.FeaturesPlan(request.Features.Val),
            _ => throw new GrpcStatusException(GrpcStatusCode.InvalidArgument, "set either feature_service or features"),
        };
        if (!request.FullFeatureNames && plan.ShortNameConflict is { } conflict)
        {
            throw new GrpcStatusException(GrpcStatusCode.InvalidArgument, conflict);
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
        var result = await ReadAsync(reads, context.CancellationToken).ConfigureAwait(false);
        return new OnlineFeaturesReply(plan, result, rowCount, nowTicks, request.FullFeatureNames);
    }

    private async Task<OnlineReadResult> ReadAsync(OnlineReadRequest[] reads, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
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
            throw;
        }
        finally
        {
            metrics.OnlineStoreReadLatency.ObserveElapsed(started);
        }
    }
}
