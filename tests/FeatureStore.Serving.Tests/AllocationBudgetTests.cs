using FeatureStore.Online;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;
using FeatureStore.Serving.Access;
using FeatureStore.Serving.Features;
using FeatureStore.Serving.Health;
using FeatureStore.Serving.Metrics;
using FeatureStore.Serving.Snapshot;
using FeatureStore.Serving.V1;
using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace FeatureStore.Serving.Tests;

/// <summary>
/// Bytes the server's own code allocates per GetOnlineFeatures call (5 views x 10 features, like the serving benchmark),
/// after warm-up, for 1 and 100 entities, under a committed budget.
/// How it is measured: the request is decoded, planned, read and encoded in-process on one thread, from an already
/// parsed request to reply bytes in a reused buffer, with a store that answers synchronously from rows read once;
/// GC.GetAllocatedBytesForCurrentThread around that path is then exact and repeatable. Not counted: Kestrel and
/// grpc-dotnet (HTTP/2, framing, request parsing) and the store's own allocation (the Redis store has its own figures).
/// With keys required, the call carries a key of a principal granted every feature: authentication and the cached
/// access decision must not add to the budget.
/// </summary>
public sealed class AllocationBudgetTests(ITestOutputHelper output)
{
    private const int Views = 5, FeaturesPerView = 10, Iterations = 200;

    [Theory]
    [InlineData(1, ReplyEncodingPath.Direct, 1_850)] // measured 1,456
    [InlineData(100, ReplyEncodingPath.Direct, 50_000)] // measured 39,848
    [InlineData(1, ReplyEncodingPath.Generated, 31_000)] // measured 24,560
    [InlineData(100, ReplyEncodingPath.Generated, 800_000)] // measured 640,904
    [InlineData(1, ReplyEncodingPath.Direct, 1_850, true)]
    [InlineData(100, ReplyEncodingPath.Direct, 50_000, true)]
    public async Task ServerAllocationPerCallStaysUnderBudget(int entities, ReplyEncodingPath path, long budgetBytes, bool authRequired = false)
    {
        var directory = Directory.CreateTempSubdirectory("fs-alloc-").FullName;
        await using var registry = RegistryStoreFactory.Open(new RegistryStoreSettings(RegistryStoreKind.Sqlite, "registry.db"), directory);
        await registry.InitializeAsync();
        await ServingEnvironment.ApplyAsync(registry, Definitions());
        string? authorization = null;
        if (authRequired)
        {
            var (token, _) = await Access.AccessObjects.CreateKeyAsync(registry, TestDefinitions.Project, "bench-reader");
            await Access.AccessObjects.GrantAsync(registry, TestDefinitions.Project, Access.AccessObjects.ServiceGrant("bench-reader", "bench", PiiClass.Sensitive));
            authorization = "Bearer " + token;
        }

        var metrics = new ServingMetrics();
        var snapshots = new RegistrySnapshotSource(registry, TestDefinitions.Project, metrics, NullLogger.Instance);
        await snapshots.RefreshAsync(CancellationToken.None);
        Assert.NotNull(snapshots.Current);
        var access = new ServingAccess(authRequired, new OnlineReadAudit());
        var reader = new OnlineFeatureReader(snapshots, new CannedStore(entities), metrics, new StoreHealth(), TimeProvider.System, access);
        var request = new GetOnlineFeaturesRequest { FeatureService = "bench", FullFeatureNames = true };
        request.Entities["driver_id"] = new RepeatedValue { Val = { Enumerable.Range(0, entities).Select(i => new Value { Int64Val = i }) } };
        var buffer = new byte[1 << 20];

        for (var i = 0; i < 50; i++)
            Call(reader, request, authorization, path, buffer);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Iterations; i++)
            Call(reader, request, authorization, path, buffer);
        var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / Iterations;

        output.WriteLine($"{entities} entities x {Views * FeaturesPerView} features, {path}, keys {(authRequired ? "required" : "off")}: {perCall} bytes per call (budget {budgetBytes})");
        Assert.True(perCall <= budgetBytes, $"{perCall} bytes per call, budget {budgetBytes}");
    }

    public enum ReplyEncodingPath
    {
        Direct,
        Generated,
    }

    private static void Call(OnlineFeatureReader reader, GetOnlineFeaturesRequest request, string? authorization, ReplyEncodingPath path, byte[] buffer)
    {
        var read = reader.ReadAsync(request, authorization, CancellationToken.None);
        // Synchronous, so every byte was allocated on this thread.
        Assert.True(read.IsCompletedSuccessfully, read.Exception?.ToString() ?? "the read completed asynchronously");
        if (path == ReplyEncodingPath.Direct)
        {
            var reply = new OnlineFeaturesReply(read.Result);
            reply.WriteTo(buffer.AsSpan(0, reply.Size));
        }
        else
        {
            var message = OnlineFeaturesMessage.Build(read.Result);
            message.WriteTo(buffer.AsSpan(0, message.CalculateSize()));
        }
    }

    private static RegistryDefinitions Definitions()
    {
        var views = Enumerable.Range(0, Views).Select(v => new FeatureViewDefinition(
            $"view_{v}",
            ["driver"],
            [.. Enumerable.Range(0, FeaturesPerView).Select(f => new FeatureDefinition($"f{f}", FeatureType.Float64))],
            "driver_source",
            "ml@example.com",
            Ttl: TimeSpan.FromDays(1))).ToArray();
        return new RegistryDefinitions(
            TestDefinitions.Project,
            [new EntityDefinition("driver", [new JoinKey("driver_id", FeatureType.Int64)])],
            [new DataSourceDefinition("driver_source", "data/drivers.parquet", "event_timestamp")],
            views,
            [new FeatureServiceDefinition("bench", [.. views.Select(v => new FeatureSelection(v.Name, [.. v.Features.Select(f => f.Name)]))], "ml@example.com")]);
    }

    /// <summary>Answers every read with the same rows, synchronously: the store's own cost is not the server's.</summary>
    private sealed class CannedStore(int entities) : IOnlineStore
    {
        private Task<OnlineReadResult>? answer;

        public Task<OnlineReadResult> ReadAsync(IReadOnlyList<OnlineReadRequest> requests, CancellationToken ct = default) =>
            answer ??= Task.FromResult(new OnlineReadResult([.. requests.Select(r => new OnlineViewRows(r, [.. Enumerable.Range(0, entities).Select(i =>
                new OnlineEntityRow(true, DateTimeOffset.UtcNow.AddMinutes(-1), [.. Enumerable.Range(0, r.FeatureNames.Count).Select(f => (FeatureValue?)FeatureValue.FromFloat64(i + (f / 10.0)))]))]))]));

        public Task<OnlineWriteResult> WriteAsync(OnlineViewRef view, IReadOnlyList<string> featureNames, IReadOnlyList<OnlineRow> rows, OnlineWriteOptions? options = null, CancellationToken ct = default) =>
            throw new NotSupportedException();

        public Task DeleteViewAsync(OnlineViewRef view, CancellationToken ct = default) => throw new NotSupportedException();

        public Task<int> DeleteEntitiesAsync(OnlineViewRef view, IReadOnlyList<EntityKey> keys, CancellationToken ct = default) =>
            throw new NotSupportedException();

        public Task<IReadOnlyDictionary<OnlineViewRef, DateTimeOffset>> GetNewestEventTimestampsAsync(string project, CancellationToken ct = default) =>
            throw new NotSupportedException();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
