namespace FeatureStore.Materialization.Running;

/// <summary>
/// Calls <c>beat</c> every <c>interval</c> until disposed (disposing waits for a beat in progress, so nothing writes the
/// run record after the caller's final one). A failed beat is left for the next one: the run's own registry calls report a dead registry.
/// </summary>
internal sealed class Heartbeat : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public Heartbeat(TimeSpan interval, Func<CancellationToken, Task> beat)
    {
        loop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(interval, stop.Token).ConfigureAwait(false);
                    await beat(stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The next beat retries.
                }
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (stop.IsCancellationRequested)
            return;
        await stop.CancelAsync().ConfigureAwait(false);
        await loop.ConfigureAwait(false);
        stop.Dispose();
    }
}
