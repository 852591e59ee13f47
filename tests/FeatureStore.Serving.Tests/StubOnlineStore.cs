using FeatureStore.Online;

namespace FeatureStore.Serving.Tests;

/// <summary>Wraps a real store to inject faults: delays (honouring cancellation or not) and unavailability.</summary>
internal sealed class StubOnlineStore(IOnlineStore inner) : IOnlineStore
{
    public TimeSpan ReadDelay { get; set; }

    /// <summary>When set, the delay ignores cancellation (a store that hangs).</summary>
    public bool IgnoreCancellation { get; set; }

    /// <summary>The next N reads throw <see cref="OnlineStoreUnavailableException"/>.</summary>
    public int FailNextReads { get; set; }

    public bool Down { get; set; }

    public int Reads { get; private set; }

    public Task<OnlineWriteResult> WriteAsync(OnlineViewRef view, IReadOnlyList<string> featureNames, IReadOnlyList<OnlineRow> rows, OnlineWriteOptions? options = null, CancellationToken ct = default) =>
        inner.WriteAsync(view, featureNames, rows, options, ct);

    public async Task<OnlineReadResult> ReadAsync(IReadOnlyList<OnlineReadRequest> requests, CancellationToken ct = default)
    {
        Reads++;
        if (Down || FailNextReads > 0)
        {
            FailNextReads--;
            throw new OnlineStoreUnavailableException("stub store at 127.0.0.1:1 is down");
        }

        if (ReadDelay > TimeSpan.Zero)
        {
            await Task.Delay(ReadDelay, IgnoreCancellation ? CancellationToken.None : ct);
        }

        return await inner.ReadAsync(requests, ct);
    }

    public Task DeleteViewAsync(OnlineViewRef view, CancellationToken ct = default) => inner.DeleteViewAsync(view, ct);

    public Task<int> DeleteEntitiesAsync(OnlineViewRef view, IReadOnlyList<EntityKey> keys, CancellationToken ct = default) =>
        inner.DeleteEntitiesAsync(view, keys, ct);

    public Task<IReadOnlyDictionary<OnlineViewRef, DateTimeOffset>> GetNewestEventTimestampsAsync(string project, CancellationToken ct = default) =>
        Down ? throw new OnlineStoreUnavailableException("stub store at 127.0.0.1:1 is down") : inner.GetNewestEventTimestampsAsync(project, ct);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
