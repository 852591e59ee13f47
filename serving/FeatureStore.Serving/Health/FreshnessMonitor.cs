using FeatureStore.Online;
using FeatureStore.Serving.Logging;
using FeatureStore.Serving.Snapshot;
using Microsoft.Extensions.Logging;

namespace FeatureStore.Serving.Health;

/// <summary>
/// Asks the online store for the newest event timestamp written per view and feeds the freshness gauges; doubles
/// as the store's liveness probe for <see cref="ServingHealth"/>.
/// </summary>
public sealed class FreshnessMonitor(IOnlineStore store, RegistrySnapshotSource snapshots, StoreHealth health, ILogger logger)
{
    /// <summary>One probe; true when the store answered. Never throws for store failures.</summary>
    public async Task<bool> ProbeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (snapshots.Current is not { } snapshot)
        {
            return false;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            var newest = await store.GetNewestEventTimestampsAsync(snapshot.Project, limit.Token).WaitAsync(limit.Token).ConfigureAwait(false);
            foreach (var view in snapshot.Views)
            {
                if (newest.TryGetValue(view.OnlineRef, out var timestamp))
                {
                    view.Metrics.NewestEventTimestamp = timestamp;
                }
            }

            health.ReportSuccess();
            return true;
        }
        catch (Exception e) when (e is OnlineStoreUnavailableException or OnlineStoreException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var reason = e is OperationCanceledException ? $"the online store did not answer within {timeout.TotalMilliseconds:0} ms" : e.Message;
            health.ReportFailure(reason);
            ServerLog.FreshnessRefreshFailed(logger, reason);
            return false;
        }
    }

    /// <summary>Probes every <paramref name="interval"/> until cancelled, calling <paramref name="afterProbe"/> after each.</summary>
    public async Task RunAsync(TimeSpan interval, Action afterProbe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(afterProbe);
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                await ProbeAsync(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
                afterProbe();
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
