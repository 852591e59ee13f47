using System.Diagnostics;
using static FeatureStore.Online.Tests.Samples;

namespace FeatureStore.Online.Tests;

/// <summary>
/// The online store contract, run against every implementation by a subclass. Each test works in its own project
/// namespace, so tests share one server without seeing each other's data.
/// </summary>
public abstract class OnlineStoreContractTests : IAsyncLifetime
{
    private IOnlineStore? store;

    protected string Project { get; } = "t" + Guid.NewGuid().ToString("N")[..12];

    protected IOnlineStore Store => store ?? throw new InvalidOperationException("store not created yet");

    protected OnlineViewRef Stats => new(Project, "driver_stats", 1);

    /// <summary>A store on the implementation's test server (or a fresh file).</summary>
    protected abstract IOnlineStore CreateStore();

    /// <summary>A store pointed at something that does not answer (a port nothing listens on, an unopenable file).</summary>
    protected abstract IOnlineStore CreateUnreachableStore();

    public Task InitializeAsync()
    {
        store = CreateStore();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (store is not null)
            await store.DisposeAsync();
    }

    [Fact]
    public async Task EveryValueKindIncludingNullsAndListsRoundTrips()
    {
        var key = Driver(1);
        var written = AllKindValues();
        await Store.WriteAsync(Stats, AllKindNames, [Row(key, T0, written)]);

        var row = await ReadOne(Stats, AllKindNames, key);

        Assert.True(row.Found);
        Assert.Equal(T0, row.EventTimestamp);
        Assert.Equal(written.Select(v => (FeatureValue?)v), row.Values);
        Assert.Equal(FeatureValueKind.Null, row.Values[Array.IndexOf(AllKindNames, "nothing")]!.Value.Kind);
    }

    [Fact]
    public async Task CompositeStringAndBytesKeysAreDistinctEntities()
    {
        var keys = new[]
        {
            EntityKey.Of(FeatureValue.FromString("c-1"), FeatureValue.FromInt32(7)),
            EntityKey.Of(FeatureValue.FromString("c-1"), FeatureValue.FromInt32(8)),
            EntityKey.Of(FeatureValue.FromString("c-17")),
            EntityKey.Of(FeatureValue.FromBytes(new byte[] { 0x7D, 0x7B, 0 })),
            EntityKey.Of(FeatureValue.FromInt32(7)),
            EntityKey.Of(FeatureValue.FromInt64(7)),
        };
        var view = new OnlineViewRef(Project, "composite", 1);
        await Store.WriteAsync(view, ["n"], keys.Select((k, i) => Row(k, T0, FeatureValue.FromInt32(i))).ToArray());

        var result = await Store.ReadAsync([new OnlineReadRequest(view, ["n"], keys.Reverse().ToArray())]);

        Assert.Equal([5, 4, 3, 2, 1, 0], result.Requests[0].Rows.Select(r => r.Values[0]!.Value.AsInt32()));
    }

    [Fact]
    public async Task ManyViewsOfOneEntityAreReadTogetherInRequestOrder()
    {
        var key = Driver(42);
        var hourly = new OnlineViewRef(Project, "hourly", 1);
        var embedding = new OnlineViewRef(Project, "embedding", 3);
        await Store.WriteAsync(hourly, ["trips", "rate"], [Row(key, T0, FeatureValue.FromInt64(9), FeatureValue.FromFloat32(0.5f))]);
        await Store.WriteAsync(embedding, ["vec"], [Row(key, T0.AddHours(1), FeatureValue.FromFloat32List(new[] { 1f, 2f }))]);

        var result = await Store.ReadAsync(
        [
            new OnlineReadRequest(embedding, ["vec"], [key]),
            new OnlineReadRequest(hourly, ["rate", "trips"], [key]),
            new OnlineReadRequest(hourly, ["trips"], [key, Driver(43)]),
        ]);

        Assert.Equal(3, result.Requests.Count);
        Assert.Equal(T0.AddHours(1), result.Requests[0].Rows[0].EventTimestamp);
        Assert.Equal([1f, 2f], result.Requests[0].Rows[0].Values[0]!.Value.AsFloat32List().ToArray());
        Assert.Equal(0.5f, result.Requests[1].Rows[0].Values[0]!.Value.AsFloat32());
        Assert.Equal(9, result.Requests[1].Rows[0].Values[1]!.Value.AsInt64());
        Assert.Equal(T0, result.Requests[2].Rows[0].EventTimestamp);
        Assert.False(result.Requests[2].Rows[1].Found);
    }

    [Fact]
    public async Task MissingEntitiesViewsVersionsAndFeaturesAreReportedAsNotFound()
    {
        await Store.WriteAsync(Stats, ["trips"], [Row(Driver(1), T0, FeatureValue.FromInt64(3))]);

        var result = await Store.ReadAsync(
        [
            new OnlineReadRequest(Stats, ["trips", "never_written"], [Driver(1), Driver(2)]),
            new OnlineReadRequest(Stats with { Version = 2 }, ["trips"], [Driver(1)]),
            new OnlineReadRequest(new OnlineViewRef(Project, "other", 1), ["trips"], [Driver(1)]),
            new OnlineReadRequest(Stats with { Project = Project + "x" }, ["trips"], [Driver(1)]),
        ]);

        var found = result.Requests[0].Rows[0];
        Assert.True(found.Found);
        Assert.Equal(3, found.Values[0]!.Value.AsInt64());
        Assert.Null(found.Values[1]);
        var missing = result.Requests[0].Rows[1];
        Assert.False(missing.Found);
        Assert.Equal(default, missing.EventTimestamp);
        Assert.Equal([null, null], missing.Values);
        Assert.All(result.Requests.Skip(1), r => Assert.False(r.Rows[0].Found));
    }

    [Fact]
    public async Task OlderWriteIsSkippedAndCountedWhileEqualAndNewerOverwrite()
    {
        var key = Driver(5);
        Assert.Equal(new OnlineWriteResult(1, 0), await Store.WriteAsync(Stats, ["v"], [Row(key, T0, FeatureValue.FromInt32(1))]));

        Assert.Equal(new OnlineWriteResult(0, 1), await Store.WriteAsync(Stats, ["v"], [Row(key, T0.AddTicks(-1), FeatureValue.FromInt32(2))]));
        Assert.Equal(1, (await ReadOne(Stats, ["v"], key)).Values[0]!.Value.AsInt32());

        Assert.Equal(new OnlineWriteResult(1, 0), await Store.WriteAsync(Stats, ["v"], [Row(key, T0, FeatureValue.FromInt32(3))]));
        Assert.Equal(3, (await ReadOne(Stats, ["v"], key)).Values[0]!.Value.AsInt32());

        Assert.Equal(new OnlineWriteResult(1, 0), await Store.WriteAsync(Stats, ["v"], [Row(key, T0.AddTicks(1), FeatureValue.FromInt32(4))]));
        var row = await ReadOne(Stats, ["v"], key);
        Assert.Equal(4, row.Values[0]!.Value.AsInt32());
        Assert.Equal(T0.AddTicks(1), row.EventTimestamp);
    }

    [Fact]
    public async Task OneBatchWithTheSameKeyTwiceKeepsTheNewerRowAndForEqualTimesTheLaterOne()
    {
        // Batched writes (several rows per guarded script call) must still apply rows in order, each guarded.
        var newerFirst = Driver(60);
        var equalTimes = Driver(61);
        var many = Enumerable.Range(100, 600).Select(i => Row(Driver(i), T0, FeatureValue.FromInt64(i)));
        var batch = new[]
        {
            Row(newerFirst, T0.AddMinutes(1), FeatureValue.FromInt64(1)),
            Row(equalTimes, T0, FeatureValue.FromInt64(10)),
        }.Concat(many).Concat(
        [
            Row(newerFirst, T0, FeatureValue.FromInt64(2)),
            Row(equalTimes, T0, FeatureValue.FromInt64(11)),
        ]).ToArray();

        var result = await Store.WriteAsync(Stats, ["v"], batch);

        Assert.Equal(new OnlineWriteResult(batch.Length - 1, 1), result);
        Assert.Equal(1, (await ReadOne(Stats, ["v"], newerFirst)).Values[0]!.Value.AsInt64());
        Assert.Equal(11, (await ReadOne(Stats, ["v"], equalTimes)).Values[0]!.Value.AsInt64());
        Assert.Equal(599, (await ReadOne(Stats, ["v"], Driver(599))).Values[0]!.Value.AsInt64());
    }

    [Fact]
    public async Task ReplayingBatchesGivesTheSameStateAndNeverRegresses()
    {
        var first = Enumerable.Range(0, 50).Select(i => Row(Driver(i), T0.AddMinutes(i), FeatureValue.FromInt64(i))).ToArray();
        var second = Enumerable.Range(25, 50).Select(i => Row(Driver(i), T0.AddMinutes(100 + i), FeatureValue.FromInt64(1000 + i))).ToArray();
        await Store.WriteAsync(Stats, ["v"], first);
        await Store.WriteAsync(Stats, ["v"], second);
        var keys = Enumerable.Range(0, 75).Select(i => Driver(i)).ToArray();
        var before = await Store.ReadAsync([new OnlineReadRequest(Stats, ["v"], keys)]);

        var replayFirst = await Store.WriteAsync(Stats, ["v"], first);
        var replaySecond = await Store.WriteAsync(Stats, ["v"], second);
        var after = await Store.ReadAsync([new OnlineReadRequest(Stats, ["v"], keys)]);

        Assert.Equal(new OnlineWriteResult(25, 25), replayFirst);
        Assert.Equal(new OnlineWriteResult(50, 0), replaySecond);
        Assert.Equal(before.Requests[0].Rows.Select(Describe), after.Requests[0].Rows.Select(Describe));
        Assert.Equal(1049, after.Requests[0].Rows[49].Values[0]!.Value.AsInt64());
        Assert.Equal(24, after.Requests[0].Rows[24].Values[0]!.Value.AsInt64());
    }

    [Fact]
    public async Task DeleteViewRemovesOnlyThatViewVersion()
    {
        var key = Driver(8);
        var v2 = Stats with { Version = 2 };
        var other = new OnlineViewRef(Project, "other", 1);
        await Store.WriteAsync(Stats, ["v"], [Row(key, T0, FeatureValue.FromInt32(1)), Row(Driver(9), T0, FeatureValue.FromInt32(1))]);
        await Store.WriteAsync(v2, ["v"], [Row(key, T0, FeatureValue.FromInt32(2))]);
        await Store.WriteAsync(other, ["v"], [Row(key, T0, FeatureValue.FromInt32(3))]);

        await Store.DeleteViewAsync(Stats);

        Assert.False((await ReadOne(Stats, ["v"], key)).Found);
        Assert.False((await ReadOne(Stats, ["v"], Driver(9))).Found);
        Assert.Equal(2, (await ReadOne(v2, ["v"], key)).Values[0]!.Value.AsInt32());
        Assert.Equal(3, (await ReadOne(other, ["v"], key)).Values[0]!.Value.AsInt32());
        var newest = await Store.GetNewestEventTimestampsAsync(Project);
        Assert.False(newest.ContainsKey(Stats));
        Assert.True(newest.ContainsKey(v2));
        Assert.Equal(new OnlineWriteResult(1, 0), await Store.WriteAsync(Stats, ["v"], [Row(key, T0.AddDays(-1), FeatureValue.FromInt32(4))]));
    }

    [Fact]
    public async Task DeleteEntitiesRemovesOnlyThoseKeysOfThatViewVersionAndIsIdempotent()
    {
        var v2 = Stats with { Version = 2 };
        var other = new OnlineViewRef(Project, "other", 1);
        var composite = new OnlineViewRef(Project, "pairs", 1);
        var pairGone = EntityKey.Of(FeatureValue.FromString("c-1"), FeatureValue.FromInt64(7));
        var pairKept = EntityKey.Of(FeatureValue.FromString("c-2"), FeatureValue.FromInt64(7));
        await Store.WriteAsync(Stats, ["v"], [.. Enumerable.Range(1, 300).Select(i => Row(Driver(i), T0, FeatureValue.FromInt32(i)))]);
        await Store.WriteAsync(v2, ["v"], [Row(Driver(8), T0, FeatureValue.FromInt32(2))]);
        await Store.WriteAsync(other, ["v"], [Row(Driver(8), T0, FeatureValue.FromInt32(3))]);
        await Store.WriteAsync(composite, ["v"], [Row(pairGone, T0, FeatureValue.FromInt32(4)), Row(pairKept, T0, FeatureValue.FromInt32(5))]);

        var erased = Enumerable.Range(1, 300).Where(i => i % 3 == 0).Select(i => Driver(i)).Append(Driver(8)).Append(Driver(9999)).ToArray();
        Assert.Equal(101, await Store.DeleteEntitiesAsync(Stats, erased));
        Assert.Equal(1, await Store.DeleteEntitiesAsync(composite, [pairGone]));

        var stats = await Store.ReadAsync([new OnlineReadRequest(Stats, ["v"], [.. Enumerable.Range(1, 300).Select(i => Driver(i))])]);
        Assert.Equal(
            Enumerable.Range(1, 300).Select(i => i % 3 != 0 && i != 8),
            stats.Requests[0].Rows.Select(r => r.Found));
        Assert.Equal(2, (await ReadOne(v2, ["v"], Driver(8))).Values[0]!.Value.AsInt32());
        Assert.Equal(3, (await ReadOne(other, ["v"], Driver(8))).Values[0]!.Value.AsInt32());
        Assert.False((await ReadOne(composite, ["v"], pairGone)).Found);
        Assert.Equal(5, (await ReadOne(composite, ["v"], pairKept)).Values[0]!.Value.AsInt32());
        Assert.True((await Store.GetNewestEventTimestampsAsync(Project)).ContainsKey(Stats));

        Assert.Equal(0, await Store.DeleteEntitiesAsync(Stats, erased));
        Assert.Equal(0, await Store.DeleteEntitiesAsync(Stats, []));
        Assert.Equal(new OnlineWriteResult(1, 0), await Store.WriteAsync(Stats, ["v"], [Row(Driver(3), T0.AddDays(-1), FeatureValue.FromInt32(6))]));
    }

    [Fact]
    public async Task RowsWrittenWithExpiryDisappearAfterItWhileOthersStay()
    {
        var shortLived = new OnlineViewRef(Project, "short", 1);
        await Store.WriteAsync(Stats, ["v"], [Row(Driver(1), T0, FeatureValue.FromInt32(1))]);
        // The clock starts before the write, so the expiry (counted from the write) cannot end before 300 ms on it,
        // however slow a loaded machine makes the write and the first read.
        var clock = Stopwatch.StartNew();
        await Store.WriteAsync(shortLived, ["v"], [Row(Driver(1), T0, FeatureValue.FromInt32(2))], new OnlineWriteOptions(TimeSpan.FromMilliseconds(300)));
        var firstRead = await ReadOne(shortLived, ["v"], Driver(1));
        Assert.True(firstRead.Found || clock.Elapsed >= TimeSpan.FromMilliseconds(300), $"the row was gone {clock.ElapsedMilliseconds} ms after the write began");

        while ((await ReadOne(shortLived, ["v"], Driver(1))).Found)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "a row written with a 300 ms expiry is still there after 5 s");
            await Task.Delay(50);
        }

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(290), $"the row vanished after only {clock.ElapsedMilliseconds} ms");
        Assert.True((await ReadOne(Stats, ["v"], Driver(1))).Found);
    }

    [Fact]
    public async Task NewestEventTimestampPerViewIsTheMaximumEverWritten()
    {
        var other = new OnlineViewRef(Project, "other", 4);
        await Store.WriteAsync(Stats, ["v"], [Row(Driver(1), T0, FeatureValue.Null), Row(Driver(2), T0.AddHours(2), FeatureValue.Null)]);
        await Store.WriteAsync(Stats, ["v"], [Row(Driver(3), T0.AddHours(1), FeatureValue.Null)]);
        await Store.WriteAsync(other, ["v"], [Row(Driver(1), T0.AddDays(-3), FeatureValue.Null)]);
        await Store.WriteAsync(new OnlineViewRef(Project + "z", "elsewhere", 1), ["v"], [Row(Driver(1), T0, FeatureValue.Null)]);

        var newest = await Store.GetNewestEventTimestampsAsync(Project);

        Assert.Equal(2, newest.Count);
        Assert.Equal(T0.AddHours(2), newest[Stats]);
        Assert.Equal(T0.AddDays(-3), newest[other]);
    }

    [Fact]
    public async Task ParallelWritersOfOneKeyEndWithTheNewestEventTime()
    {
        var key = Driver(77);
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var round = 0; round < 10; round++)
            {
                var at = T0.AddSeconds(round * 8 + w);
                await Store.WriteAsync(Stats, ["writer", "round"], [Row(key, at, FeatureValue.FromInt32(w), FeatureValue.FromInt32(round))]);
            }
        })).ToArray();
        await Task.WhenAll(writers);

        var row = await ReadOne(Stats, ["writer", "round"], key);

        Assert.Equal(T0.AddSeconds(79), row.EventTimestamp);
        Assert.Equal(7, row.Values[0]!.Value.AsInt32());
        Assert.Equal(9, row.Values[1]!.Value.AsInt32());
        Assert.Equal(T0.AddSeconds(79), (await Store.GetNewestEventTimestampsAsync(Project))[Stats]);
    }

    [Fact]
    public async Task RowsWrittenWithDifferentFeatureListsAreEachReadByName()
    {
        var key = Driver(3);
        await Store.WriteAsync(Stats, ["a", "b"], [Row(key, T0, FeatureValue.FromInt32(1), FeatureValue.FromInt32(2))]);
        await Store.WriteAsync(Stats, ["c", "a"], [Row(Driver(4), T0, FeatureValue.FromInt32(3), FeatureValue.FromInt32(4))]);
        await Store.WriteAsync(Stats, ["a", "b"], [Row(Driver(5), T0, FeatureValue.FromInt32(5), FeatureValue.FromInt32(6))]);

        // The lists alternate row by row within one request.
        var result = await Store.ReadAsync([new OnlineReadRequest(Stats, ["a", "b", "c"], [key, Driver(4), Driver(5)])]);

        Assert.Equal([1, 2, (int?)null], result.Requests[0].Rows[0].Values.Select(v => v?.AsInt32()));
        Assert.Equal([4, (int?)null, 3], result.Requests[0].Rows[1].Values.Select(v => v?.AsInt32()));
        Assert.Equal([5, 6, (int?)null], result.Requests[0].Rows[2].Values.Select(v => v?.AsInt32()));
    }

    [Fact]
    public async Task WriteWithMismatchedValueCountIsRefusedWithTheRowNamed()
    {
        var error = await Assert.ThrowsAsync<OnlineStoreException>(() =>
            Store.WriteAsync(Stats, ["a", "b"], [Row(Driver(1), T0, FeatureValue.FromInt32(1), FeatureValue.Null), Row(Driver(2), T0, FeatureValue.FromInt32(1))]));

        Assert.Contains("row 1 has 1 values for 2 feature names", error.Message, StringComparison.Ordinal);
        Assert.False((await ReadOne(Stats, ["a"], Driver(1))).Found);
    }

    [Fact]
    public async Task UnreachableStoreFailsQuicklyWithOneLineNamingIt()
    {
        var clock = Stopwatch.StartNew();
        await using var dead = CreateUnreachableStore();

        var write = await Assert.ThrowsAsync<OnlineStoreUnavailableException>(() => dead.WriteAsync(Stats, ["v"], [Row(Driver(1), T0, FeatureValue.Null)]));
        var read = await Assert.ThrowsAsync<OnlineStoreUnavailableException>(() => dead.ReadAsync([new OnlineReadRequest(Stats, ["v"], [Driver(1)])]));
        await Assert.ThrowsAsync<OnlineStoreUnavailableException>(() => dead.GetNewestEventTimestampsAsync(Project));
        await Assert.ThrowsAsync<OnlineStoreUnavailableException>(() => dead.DeleteEntitiesAsync(Stats, [Driver(1)]));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"failing took {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.DoesNotContain('\n', write.Message);
        Assert.Contains(UnreachableName, read.Message, StringComparison.Ordinal);
    }

    /// <summary>What the unavailability message must name (host:port or file).</summary>
    protected abstract string UnreachableName { get; }

    [Fact]
    public async Task CancelledCallsThrowOperationCanceled()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.ReadAsync([new OnlineReadRequest(Stats, ["v"], [Driver(1)])], cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.WriteAsync(Stats, ["v"], [Row(Driver(1), T0, FeatureValue.Null)], null, cancelled.Token));

        var big = Enumerable.Range(0, 100_000).Select(i => Row(Driver(i), T0, FeatureValue.FromInt64(i))).ToArray();
        using var soon = new CancellationTokenSource();
        // Cancelled from a thread of its own: a timer-based token fires on the thread pool, which a busy test run can
        // starve until the whole write has finished.
        var canceller = new Thread(() =>
        {
            Thread.Sleep(20);
            soon.Cancel();
        }) { IsBackground = true };
        var clock = Stopwatch.StartNew();
        canceller.Start();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.WriteAsync(Stats, ["v"], big, null, soon.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"cancelling took {clock.Elapsed.TotalSeconds:0.0} s");
    }

    protected async Task<OnlineEntityRow> ReadOne(OnlineViewRef view, string[] features, EntityKey key) =>
        (await Store.ReadAsync([new OnlineReadRequest(view, features, [key])])).Requests[0].Rows[0];

    private static string Describe(OnlineEntityRow row) =>
        $"{row.Found} {row.EventTimestamp:O} {string.Join(",", row.Values.Select(v => v?.ToString() ?? "-"))}";
}
