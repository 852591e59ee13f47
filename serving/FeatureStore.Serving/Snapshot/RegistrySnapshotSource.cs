using FeatureStore.Registry.Storage;
using FeatureStore.Serving.Logging;
using FeatureStore.Serving.Metrics;
using Microsoft.Extensions.Logging;

namespace FeatureStore.Serving.Snapshot;

/// <summary>
/// Holds the current <see cref="RegistrySnapshot"/> and replaces it when the registry's revision changes. Requests read
/// <see cref="Current"/> (one volatile read); only the refresh loop talks to the registry store.
/// </summary>
public sealed class RegistrySnapshotSource(IRegistryStore store, string project, ServingMetrics metrics, ILogger logger)
{
    private volatile RegistrySnapshot? current;
    private volatile string? lastError = "the registry has not been read yet";

    /// <summary>The snapshot being served; null until the first successful load.</summary>
    public RegistrySnapshot? Current => current;

    /// <summary>Why the last load failed; null when it succeeded.</summary>
    public string? LastError => lastError;

    /// <summary>Loads a new snapshot when the revision moved (or none is loaded). Never throws for store failures: they are logged and kept in <see cref="LastError"/>.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            var revision = await store.GetRevisionAsync(project, cancellationToken).ConfigureAwait(false);
            if (current is { } loaded && loaded.Revision == revision)
            {
                lastError = null;
                return;
            }

            var state = await store.LoadAsync(project, cancellationToken).ConfigureAwait(false);
            var snapshot = RegistrySnapshotBuilder.Build(state, metrics);
            current = snapshot;
            lastError = null;
            metrics.RegistryRevision = snapshot.Revision;
            ServerLog.SnapshotLoaded(logger, snapshot.Revision, snapshot.Views.Count, snapshot.ServiceCount);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            lastError = e.Message;
            metrics.CountRegistryRefreshFailure();
            ServerLog.SnapshotLoadFailed(logger, current?.Revision ?? 0, e.Message);
        }
    }

    /// <summary>Polls the revision every <paramref name="interval"/> until cancelled.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await RefreshAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
