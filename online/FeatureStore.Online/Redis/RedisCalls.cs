using StackExchange.Redis;

namespace FeatureStore.Online.Redis;

/// <summary>
/// The error boundary of every Redis call: bounds it by the operation timeout and the caller's token (the client
/// takes no token for async calls) and turns connection failures into <see cref="OnlineStoreUnavailableException"/>.
/// </summary>
internal sealed class RedisCalls(string endpoints, TimeSpan operationTimeout)
{
    public async Task<T> RunAsync<T>(Func<Task<T>> start, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        try
        {
            return await start().WaitAsync(operationTimeout, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (ToUnavailable(e) is { } unavailable)
        {
            throw unavailable;
        }
    }

    public Task RunAsync(Func<Task> start, CancellationToken ct) =>
        RunAsync(async () => { await start().ConfigureAwait(false); return true; }, ct);

    public OnlineStoreUnavailableException? ToUnavailable(Exception e) => e switch
    {
        OnlineStoreUnavailableException => null,
        TimeoutException or RedisTimeoutException =>
            new OnlineStoreUnavailableException($"Redis {endpoints} did not answer within {operationTimeout.TotalSeconds:0.###} s", e),
        RedisConnectionException or IOException =>
            new OnlineStoreUnavailableException($"Redis {endpoints} is unreachable: {FirstLine(e.Message)}", e),
        AggregateException { InnerException: { } inner } => ToUnavailable(inner),
        _ => null,
    };

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
