using static FeatureStore.Online.Tests.Samples;

namespace FeatureStore.Online.Tests;

/// <summary>
/// The guarded write script switches between insert-first (HSETNX) and read-first (HGET) by what the previous row met;
/// one call mixing new and stored fields in every order must still guard each row by event time.
/// </summary>
public sealed class RedisGuardedWriteTests : IAsyncLifetime
{
    private readonly string project = "t" + Guid.NewGuid().ToString("N")[..12];
    private IOnlineStore? store;

    private IOnlineStore Store => store ?? throw new InvalidOperationException("store not created yet");

    public Task InitializeAsync()
    {
        store = OnlineStoreFactory.Open(new OnlineStoreSettings(OnlineStoreKind.Redis, ConnectionString: TestServers.Redis), ".");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (store is not null)
            await store.DisposeAsync();
    }

    [Fact]
    public async Task One_call_alternating_new_and_stored_fields_writes_new_and_newer_rows_and_skips_older_ones()
    {
        var view = new OnlineViewRef(project, "stats", 1);
        await Store.WriteAsync(view, ["v"], [Row(Driver(2), T0, FeatureValue.FromInt64(20)), Row(Driver(4), T0, FeatureValue.FromInt64(40)), Row(Driver(5), T0, FeatureValue.FromInt64(50))]);

        var result = await Store.WriteAsync(view, ["v"],
        [
            Row(Driver(1), T0, FeatureValue.FromInt64(1)),                  // new (insert-first)
            Row(Driver(2), T0.AddTicks(-1), FeatureValue.FromInt64(2)),     // stored and newer: skipped, switches to read-first
            Row(Driver(3), T0, FeatureValue.FromInt64(3)),                  // new while reading first: written, switches back
            Row(Driver(4), T0.AddTicks(1), FeatureValue.FromInt64(4)),      // stored and older: overwritten
            Row(Driver(5), T0, FeatureValue.FromInt64(5)),                  // stored with an equal time: overwritten
            Row(Driver(1), T0.AddTicks(-5), FeatureValue.FromInt64(6)),     // written earlier in this call and newer: skipped
        ]);

        Assert.Equal(new OnlineWriteResult(4, 2), result);
        var read = await Store.ReadAsync([new OnlineReadRequest(view, ["v"], [.. Enumerable.Range(1, 5).Select(i => Driver(i))])]);
        Assert.Equal([1L, 20, 3, 4, 5], read.Requests[0].Rows.Select(r => r.Values[0]!.Value.AsInt64()));
        Assert.Equal([T0, T0, T0, T0.AddTicks(1), T0], read.Requests[0].Rows.Select(r => r.EventTimestamp));
    }
}
