using System.Buffers.Binary;
using System.Net;
using FeatureStore.Online.Encoding;
using StackExchange.Redis;

namespace FeatureStore.Online.Redis;

/// <summary>
/// The online store on Redis or Redis Cluster (StackExchange.Redis, one long-lived multiplexer). Layout in
/// <see cref="RedisLayout"/>; writes are guarded Lua calls of up to 256 rows (in a cluster, one node's rows per call), pipelined; reads are one HMGET per entity
/// covering every requested view, pipelined.
/// </summary>
public sealed class RedisOnlineStore : IOnlineStore
{
    private const int WriteChunk = 5000;
    private readonly ConnectionMultiplexer multiplexer;
    private readonly IDatabase db;
    private readonly RedisCalls calls;
    private readonly RedisMetadata metadata;
    private readonly TimeProvider clock;

    private RedisOnlineStore(ConnectionMultiplexer multiplexer, string endpoints, OnlineStoreSettings settings, TimeProvider clock)
    {
        this.multiplexer = multiplexer;
        this.clock = clock;
        db = multiplexer.GetDatabase();
        Endpoints = endpoints;
        calls = new RedisCalls(endpoints, settings.EffectiveOperationTimeout);
        metadata = new RedisMetadata(calls);
    }

    /// <summary>The configured host:port list, as named in error messages.</summary>
    public string Endpoints { get; }

    /// <summary>
    /// Connects to <c>host:port</c> (or a comma-separated list of cluster seeds). Waits at most the connect timeout;
    /// an unreachable server does not fail here: the multiplexer keeps reconnecting and calls fail until it is back.
    /// </summary>
    public static RedisOnlineStore Connect(string connectionString, OnlineStoreSettings settings, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(settings);
        var options = new ConfigurationOptions
        {
            AbortOnConnectFail = false,
            ConnectTimeout = (int)settings.EffectiveConnectTimeout.TotalMilliseconds,
            SyncTimeout = (int)settings.EffectiveOperationTimeout.TotalMilliseconds,
            AsyncTimeout = (int)settings.EffectiveOperationTimeout.TotalMilliseconds,
            // While disconnected, fail calls at once (UNAVAILABLE for the server) instead of queueing them until the timeout.
            BacklogPolicy = BacklogPolicy.FailFast,
            ConnectRetry = 1,
            KeepAlive = 10,
        };
        foreach (var endpoint in connectionString.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            options.EndPoints.Add(ParseEndPoint(endpoint));
        var multiplexer = ConnectionMultiplexer.Connect(options);
        return new RedisOnlineStore(multiplexer, connectionString, settings, clock ?? TimeProvider.System);
    }

    public async Task<OnlineWriteResult> WriteAsync(
        OnlineViewRef view, IReadOnlyList<string> featureNames, IReadOnlyList<OnlineRow> rows, OnlineWriteOptions? options = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var prepared = PreparedWrite.Create(view, featureNames, rows, options, now);
        if (rows.Count == 0)
            return new OnlineWriteResult(0, 0);
        var viewField = await metadata.ClaimViewAsync(db, view, ct).ConfigureAwait(false);
        RedisValue expiresMs = prepared.ExpiresTicks is { } expires ? new DateTimeOffset(expires, TimeSpan.Zero).ToUnixTimeMilliseconds() : 0;
        var keyPrefix = RedisLayout.EntityHashPrefix(view.Project);
        var cluster = RedisWriteCalls.IsCluster(multiplexer);
        var written = 0;
        for (var start = 0; start < rows.Count; start += WriteChunk)
        {
            ct.ThrowIfCancellationRequested();
            var end = Math.Min(rows.Count, start + WriteChunk);
            var pipeline = new List<Task>(2);
            await metadata.ClaimSchemaAsync(db, view, viewField, prepared.Schema, pipeline, ct).ConfigureAwait(false);
            var keys = new RedisKey[end - start];
            for (var i = start; i < end; i++)
                keys[i - start] = RedisLayout.EntityHash(keyPrefix, rows[i].Key);
            var encoded = prepared.EncodedRows.AsSpan(start, end - start).ToArray();
            var scriptCalls = RedisWriteCalls.Plan(multiplexer, cluster, keys, encoded, viewField, expiresMs);
            var results = new Task<RedisResult>[scriptCalls.Count];
            for (var c = 0; c < results.Length; c++)
                results[c] = scriptCalls[c].Script.EvaluateAsync(db, scriptCalls[c].Keys, scriptCalls[c].Args);
            await calls.RunAsync(() => Task.WhenAll(pipeline.Append(Task.WhenAll(results))), ct).ConfigureAwait(false);
            written += (int)results.Sum(r => (long)r.Result);
        }
        var newest = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(newest, prepared.NewestEventTicks);
        await calls.RunAsync(
            () => RedisScripts.RaiseNewest.EvaluateAsync(db, RedisLayout.NewestHash(view.Project), [RedisLayout.ViewName(view), newest]), ct)
            .ConfigureAwait(false);
        return new OnlineWriteResult(written, rows.Count - written);
    }

    public async Task<OnlineReadResult> ReadAsync(IReadOnlyList<OnlineReadRequest> requests, CancellationToken ct = default)
    {
        var plan = RedisReadPlan.Create(requests);
        var replies = new Task<RedisValue[]>[plan.Entities.Count];
        for (var i = 0; i < replies.Length; i++)
        {
            var entity = plan.Entities[i];
            replies[i] = db.HashGetAsync(entity.Key, entity.Fields);
        }
        if (replies.Length > 0)
            await calls.RunAsync(() => WhenAllRepliedAsync(replies), ct).ConfigureAwait(false);
        var values = replies.Select(r => r.Result).ToArray();
        // One clock reading for the whole read: a row is live or expired once, whichever pass looks at it.
        var nowTicks = clock.GetUtcNow().UtcTicks;
        if (plan.TryAssemble(values, metadata, nowTicks, out var missingSchemas) is { } result)
            return result;
        foreach (var (project, fields) in missingSchemas!)
            await metadata.LoadSchemasAsync(db, project, fields, ct).ConfigureAwait(false);
        return plan.Assemble(values, metadata, nowTicks);
    }

    /// <summary>
    /// Waits for every reply, registering one continuation where it can instead of one per entity. StackExchange.Redis
    /// runs continuations asynchronously, so Task.WhenAll over 100 HMGETs queued 100 thread-pool work items per read,
    /// and under load those queues were where calls waited. Replies on one connection complete in order, so once the
    /// last is done the rest are too; when they are not (a cluster spans connections) or one failed, WhenAll decides.
    /// </summary>
    internal static async Task WhenAllRepliedAsync(Task<RedisValue[]>[] replies)
    {
        try
        {
            await replies[^1].ConfigureAwait(false);
        }
        catch when (replies.Length > 1)
        {
            // Report the first failure in request order, as WhenAll does.
        }
        if (!Array.TrueForAll(replies, static reply => reply.IsCompletedSuccessfully))
            await Task.WhenAll(replies).ConfigureAwait(false);
    }

    public async Task DeleteViewAsync(OnlineViewRef view, CancellationToken ct = default)
    {
        ViewRefRules.Validate(view);
        var field = RedisLayout.ViewField(view);
        var pattern = RedisLayout.EntityHashPattern(view.Project);
        foreach (var endpoint in multiplexer.GetEndPoints())
        {
            var server = multiplexer.GetServer(endpoint);
            if (server.IsReplica)
                continue;
            if (!server.IsConnected)
                throw new OnlineStoreUnavailableException($"Redis {endpoint} is unreachable: cannot delete view {view}");
            await calls.RunAsync(() => DeleteFieldEverywhereAsync(server, pattern, field, ct), ct).ConfigureAwait(false);
        }
        await calls.RunAsync(() => db.HashDeleteAsync(RedisLayout.NewestHash(view.Project), RedisLayout.ViewName(view)), ct).ConfigureAwait(false);
    }

    // One HDEL per entity hash, pipelined; each goes to the node owning the key's slot. Redis drops a hash left empty.
    public async Task<int> DeleteEntitiesAsync(OnlineViewRef view, IReadOnlyList<EntityKey> keys, CancellationToken ct = default)
    {
        ViewRefRules.Validate(view);
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Any(k => k is null))
            throw new OnlineStoreException($"delete of {view}: an entity key is null");
        if (keys.Count == 0)
            return 0;
        RedisValue field = RedisLayout.ViewField(view);
        var prefix = RedisLayout.EntityHashPrefix(view.Project);
        var deleted = 0;
        for (var start = 0; start < keys.Count; start += WriteChunk)
        {
            ct.ThrowIfCancellationRequested();
            var replies = new Task<bool>[Math.Min(WriteChunk, keys.Count - start)];
            for (var i = 0; i < replies.Length; i++)
                replies[i] = db.HashDeleteAsync(RedisLayout.EntityHash(prefix, keys[start + i]), field);
            await calls.RunAsync(() => Task.WhenAll(replies), ct).ConfigureAwait(false);
            deleted += replies.Count(r => r.Result);
        }
        return deleted;
    }

    public async Task<IReadOnlyDictionary<OnlineViewRef, DateTimeOffset>> GetNewestEventTimestampsAsync(string project, CancellationToken ct = default)
    {
        ViewRefRules.ValidateProject(project);
        var entries = await calls.RunAsync(() => db.HashGetAllAsync(RedisLayout.NewestHash(project)), ct).ConfigureAwait(false);
        var newest = new Dictionary<OnlineViewRef, DateTimeOffset>(entries.Length);
        foreach (var entry in entries)
        {
            byte[] ticks = entry.Value!;
            if (RedisLayout.TryParseViewName(project, entry.Name!, out var view) && ticks.Length == 8)
                newest[view] = new DateTimeOffset(BinaryPrimitives.ReadInt64BigEndian(ticks), TimeSpan.Zero);
        }
        return newest;
    }

    public async ValueTask DisposeAsync()
    {
        await multiplexer.CloseAsync(allowCommandsToComplete: false).ConfigureAwait(false);
        multiplexer.Dispose();
    }

    // SCAN page by page on one server; the deletes of a page are pipelined.
    private async Task DeleteFieldEverywhereAsync(IServer server, string pattern, byte[] field, CancellationToken ct)
    {
        var pending = new List<Task>(1000);
        await foreach (var key in server.KeysAsync(db.Database, pattern, pageSize: 1000).WithCancellation(ct).ConfigureAwait(false))
        {
            pending.Add(db.HashDeleteAsync(key, field));
            if (pending.Count == 1000)
            {
                await Task.WhenAll(pending).ConfigureAwait(false);
                pending.Clear();
            }
        }
        await Task.WhenAll(pending).ConfigureAwait(false);
    }

    private static EndPoint ParseEndPoint(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), out var port))
            throw new OnlineStoreException($"online_store: '{text}' is not host:port");
        var host = text[..colon];
        return IPAddress.TryParse(host, out var address) ? new IPEndPoint(address, port) : new DnsEndPoint(host, port);
    }
}
