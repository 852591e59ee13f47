using System.Collections.Concurrent;
using FeatureStore.Online.Encoding;
using StackExchange.Redis;

namespace FeatureStore.Online.Redis;

/// <summary>
/// Merges read requests into one HMGET per entity hash (every requested view of that entity as a field), then maps
/// the replies back to request x entity x feature.
/// </summary>
internal sealed class RedisReadPlan
{
    private readonly IReadOnlyList<OnlineReadRequest> requests;
    private readonly byte[][] viewFields;
    private readonly (int Entity, int Field)[][] slots;

    private RedisReadPlan(IReadOnlyList<OnlineReadRequest> requests, byte[][] viewFields, (int, int)[][] slots, List<EntityRead> entities)
    {
        this.requests = requests;
        this.viewFields = viewFields;
        this.slots = slots;
        Entities = entities;
    }

    public sealed record EntityRead(RedisKey Key, RedisValue[] Fields);

    public List<EntityRead> Entities { get; }

    public static RedisReadPlan Create(IReadOnlyList<OnlineReadRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        // Requests usually name the same entities for every view: size for the first request's keys.
        var expected = requests.Count > 0 ? requests[0]?.EntityKeys?.Count ?? 0 : 0;
        var entityIndex = new Dictionary<(string Project, EntityKey Key), int>(expected);
        var fieldLists = new List<List<byte[]>>(expected);
        var keys = new List<RedisKey>(expected);
        var viewFields = new byte[requests.Count][];
        var slots = new (int, int)[requests.Count][];
        for (var r = 0; r < requests.Count; r++)
        {
            var request = requests[r] ?? throw new OnlineStoreException($"read request {r} is null");
            ViewRefRules.Validate(request.View);
            ArgumentNullException.ThrowIfNull(request.FeatureNames);
            ArgumentNullException.ThrowIfNull(request.EntityKeys);
            var field = viewFields[r] = ViewFieldOf(request.View);
            var requestSlots = slots[r] = new (int, int)[request.EntityKeys.Count];
            for (var e = 0; e < request.EntityKeys.Count; e++)
            {
                var key = request.EntityKeys[e] ?? throw new OnlineStoreException($"read request {r} ({request.View}): entity key {e} is null");
                if (!entityIndex.TryGetValue((request.View.Project, key), out var index))
                {
                    index = keys.Count;
                    entityIndex[(request.View.Project, key)] = index;
                    keys.Add(RedisLayout.EntityHash(PrefixOf(request.View.Project), key));
                    fieldLists.Add([]);
                }
                var fields = fieldLists[index];
                var position = IndexOf(fields, field);
                if (position < 0)
                {
                    position = fields.Count;
                    fields.Add(field);
                }
                requestSlots[e] = (index, position);
            }
        }
        var entities = new List<EntityRead>(keys.Count);
        RedisValue[]? shared = null;
        for (var i = 0; i < keys.Count; i++)
        {
            // Entities usually ask for the same view fields (the same byte[] instances): share one field array among them.
            var fields = fieldLists[i];
            if (shared is null || i == 0 || !SameFields(fieldLists[i - 1], fields))
            {
                shared = new RedisValue[fields.Count];
                for (var f = 0; f < shared.Length; f++)
                    shared[f] = fields[f];
            }
            entities.Add(new EntityRead(keys[i], shared));
        }
        return new RedisReadPlan(requests, viewFields, slots, entities);
    }

    // Entity-hash key prefixes and view fields are kept (a process serves a handful of projects and views) instead of
    // built per read; the arrays are shared, so nothing may change them.
    private static readonly ConcurrentDictionary<string, byte[]> Prefixes = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<OnlineViewRef, byte[]> ViewFields = new();

    private static byte[] PrefixOf(string project) => Kept(Prefixes, project, RedisLayout.EntityHashPrefix);

    private static byte[] ViewFieldOf(OnlineViewRef view) => Kept(ViewFields, view, RedisLayout.ViewField);

    private static byte[] Kept<TKey>(ConcurrentDictionary<TKey, byte[]> cache, TKey key, Func<TKey, byte[]> make) where TKey : notnull =>
        cache.TryGetValue(key, out var kept) ? kept : cache.Count < 1024 ? cache.GetOrAdd(key, make) : make(key);

    // A loop, not List.FindIndex with a lambda: this runs per entity and view, and the lambda's closure was allocated each time.
    private static int IndexOf(List<byte[]> fields, byte[] field)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].AsSpan().SequenceEqual(field))
                return i;
        }
        return -1;
    }

    private static bool SameFields(List<byte[]> a, List<byte[]> b)
    {
        if (a.Count != b.Count)
            return false;
        for (var i = 0; i < a.Count; i++)
        {
            if (!ReferenceEquals(a[i], b[i]))
                return false;
        }
        return true;
    }

    /// <summary>
    /// The rows of every request; null when live rows refer to schemas this process has not cached yet, which are then
    /// named in <paramref name="missingSchemas"/> (schema fields per project) for the caller to load before
    /// <see cref="Assemble"/>. One pass over the replies when every schema is cached, as it is after the first reads.
    /// </summary>
    public OnlineReadResult? TryAssemble(RedisValue[][] replies, RedisMetadata metadata, long nowTicks, out Dictionary<string, List<byte[]>>? missingSchemas) =>
        AssembleOrCollect(replies, metadata, nowTicks, collectMissing: true, out missingSchemas);

    /// <summary>The rows of every request; a live row whose schema is not cached is an error.</summary>
    public OnlineReadResult Assemble(RedisValue[][] replies, RedisMetadata metadata, long nowTicks) =>
        AssembleOrCollect(replies, metadata, nowTicks, collectMissing: false, out _)!;

    private OnlineReadResult? AssembleOrCollect(RedisValue[][] replies, RedisMetadata metadata, long nowTicks, bool collectMissing, out Dictionary<string, List<byte[]>>? missingSchemas)
    {
        missingSchemas = null;
        var views = new OnlineViewRows[requests.Count];
        for (var r = 0; r < requests.Count; r++)
        {
            var request = requests[r];
            var featureCount = request.FeatureNames.Count;
            var wanted = new WantedFeatures(request.FeatureNames);
            // One array of value offsets for all the request's rows (see StoredValues).
            var offsets = new int[slots[r].Length * featureCount];
            var rows = new OnlineEntityRow[slots[r].Length];
            for (var e = 0; e < rows.Length; e++)
            {
                var (entity, field) = slots[r][e];
                var value = replies[entity][field];
                byte[]? row = value.IsNull ? null : (byte[]?)value;
                if (row is null || !RowReader.TryReadLiveHeader(row, nowTicks, request.View, out var schemaId, out var eventTicks, out var valuesStart))
                {
                    // No stored row, or an expired one.
                    rows[e] = RowReader.Missing(featureCount);
                    continue;
                }
                var schema = metadata.CachedSchema(request.View.Project, viewFields[r], schemaId);
                if (schema is null)
                {
                    if (!collectMissing)
                        throw new OnlineStoreException(
                            $"online row of {request.View} refers to feature list {schemaId:x8}, missing from Redis hash fs:{request.View.Project}:schemas");
                    NoteMissing(ref missingSchemas, request.View.Project, RedisLayout.SchemaField(viewFields[r], schemaId));
                    continue;
                }
                rows[e] = RowReader.Read(row, schema, wanted, eventTicks, valuesStart, request.View, offsets, e * featureCount);
            }
            views[r] = new OnlineViewRows(request, rows);
        }
        return missingSchemas is null ? new OnlineReadResult(views) : null;
    }

    private static void NoteMissing(ref Dictionary<string, List<byte[]>>? missing, string project, byte[] schemaField)
    {
        missing ??= [];
        var list = missing.TryGetValue(project, out var existing) ? existing : missing[project] = [];
        if (IndexOf(list, schemaField) < 0)
            list.Add(schemaField);
    }
}
