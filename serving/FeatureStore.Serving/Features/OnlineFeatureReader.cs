using System.Diagnostics;
using FeatureStore.Online;
using FeatureStore.Serving.Access;
using FeatureStore.Serving.Health;
using FeatureStore.Serving.Metrics;
using FeatureStore.Serving.Snapshot;
using FeatureStore.Serving.Tracing;
using FeatureStore.Serving.V1;

namespace FeatureStore.Serving.Features;

/// <summary>
/// The transport-free core of GetOnlineFeatures: the caller's principal and plan from the snapshot (no registry call),
/// the principal's access to the plan (cached on the plan), entity keys from the request, one batched online-store read
/// bounded by the call's cancellation, then the PII values served counted for the audit. Bad requests and refusals
/// throw <see cref="FeatureRequestException"/>; store failures throw the store's own exceptions.
/// </summary>
internal sealed class OnlineFeatureReader(
    RegistrySnapshotSource snapshots,
    IOnlineStore store,
    ServingMetrics metrics,
    StoreHealth storeHealth,
    TimeProvider clock,
    ServingAccess access)
{
    /// <param name="authorization">The call's <c>authorization</c> header value; null when absent.</param>
    public async Task<FeatureRead> ReadAsync(GetOnlineFeaturesRequest request, string? authorization, CancellationToken cancellationToken)
    {
        var snapshot = snapshots.Current
            ?? throw new FeatureRequestException(FeatureRequestError.Unavailable, $"the registry snapshot is not loaded: {snapshots.LastError}");
        var now = clock.GetUtcNow();
        var principal = access.Principal(snapshot, authorization, now);
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

        var planAccess = access.ForPlan(snapshot, plan, principal);

        var (keysByGroup, rowCount) = EntityRowDecoder.Decode(plan, request.Entities);
        metrics.EntityRowsPerRequest.Observe(rowCount);
        metrics.FeaturesPerRequest.Observe(plan.FeatureCount);

        var reads = new OnlineReadRequest[plan.Views.Count];
        for (var v = 0; v < reads.Length; v++)
        {
            var view = plan.Views[v];
            reads[v] = new OnlineReadRequest(view.View, view.FeatureNames, keysByGroup[view.KeyGroup]);
        }

        var nowTicks = now.UtcTicks;
        var result = await ReadStoreAsync(reads, rowCount, cancellationToken).ConfigureAwait(false);
        planAccess.CountServed(plan, result, rowCount, nowTicks);
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
