using FeatureStore.Registry.Storage;
using FeatureStore.Serving.Logging;
using Microsoft.Extensions.Logging;

namespace FeatureStore.Serving.Access;

/// <summary>
/// Appends the online PII audit (<see cref="OnlineReadAudit"/>) to the registry: every finished minute on each tick,
/// everything on shutdown. A failing registry never fails a request: lines stay pending and are retried on the next
/// tick, with one warning per outage. After a successful append, lines older than the retention are purged, at most
/// once an hour.
/// </summary>
internal sealed class AuditFlusher(
    OnlineReadAudit audit, IRegistryStore registry, string project, TimeSpan retention, TimeProvider clock, ILogger logger)
{
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromHours(1);

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly List<AuditEntry> pending = [];
    private bool failing;
    private DateTimeOffset? lastPurge;

    /// <summary>Flushes finished minutes every <paramref name="interval"/> until cancelled.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await FlushAsync(includeCurrent: false, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the server flushes the rest itself.
        }
    }

    /// <summary>Appends the pending lines and those of finished minutes (of the current one too when <paramref name="includeCurrent"/>); false when the registry refused them (they stay pending).</summary>
    public async Task<bool> FlushAsync(bool includeCurrent, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = clock.GetUtcNow();
            pending.AddRange(audit.TakeFinished(now, includeCurrent));
            if (pending.Count == 0)
            {
                return true;
            }

            try
            {
                await registry.AppendAuditAsync(project, [.. pending], cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (!failing)
                {
                    failing = true;
                    ServerLog.AuditAppendFailed(logger, pending.Count, e.Message);
                }

                return false;
            }

            if (failing)
            {
                failing = false;
                ServerLog.AuditAppendRecovered(logger, pending.Count);
            }

            pending.Clear();
            await PurgeAsync(now, cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Lines counted but not appended (pending after a failed append).</summary>
    public int PendingCount => pending.Count;

    private async Task PurgeAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (lastPurge is { } last && now - last < PurgeEvery)
        {
            return;
        }

        lastPurge = now;
        try
        {
            await registry.PurgeAuditAsync(project, now - retention, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            ServerLog.AuditPurgeFailed(logger, e.Message);
        }
    }
}
