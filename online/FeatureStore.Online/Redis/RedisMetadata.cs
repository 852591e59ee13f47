using System.Buffers.Binary;
using System.Collections.Concurrent;
using FeatureStore.Online.Encoding;
using StackExchange.Redis;

namespace FeatureStore.Online.Redis;

/// <summary>
/// The per-project <c>:views</c> and <c>:schemas</c> hashes and this process's caches of them. Both map content
/// hashes to names, so cached entries never go stale; claims refuse a hash clash instead of mixing two views' data.
/// </summary>
internal sealed class RedisMetadata(RedisCalls calls)
{
    private readonly ConcurrentDictionary<OnlineViewRef, byte[]> claimedViews = new();
    private readonly ConcurrentDictionary<(string Project, ulong Field), RowSchema> schemas = new();

    /// <summary>The view's 4-byte field, claimed in the project's views hash on first use by this process.</summary>
    public async Task<byte[]> ClaimViewAsync(IDatabaseAsync db, OnlineViewRef view, CancellationToken ct)
    {
        if (claimedViews.TryGetValue(view, out var cached))
            return cached;
        var field = RedisLayout.ViewField(view);
        var name = RedisLayout.ViewName(view);
        var claimed = await calls.RunAsync(() => RedisScripts.Claim.EvaluateAsync(db, RedisLayout.ViewsHash(view.Project), [field, name]), ct)
            .ConfigureAwait(false);
        if ((long)claimed != 1)
        {
            var holder = await calls.RunAsync(() => db.HashGetAsync(RedisLayout.ViewsHash(view.Project), field), ct).ConfigureAwait(false);
            throw new OnlineStoreException(
                $"online view {view}: its Redis field id clashes with view '{holder}' of project '{view.Project}'; bump the view's version");
        }
        claimedViews[view] = field;
        return field;
    }

    /// <summary>
    /// Stores the schema before rows use it: awaited the first time in this process, then sent along (not awaited)
    /// with every write so a flushed database gets it back.
    /// </summary>
    public async Task ClaimSchemaAsync(IDatabaseAsync db, OnlineViewRef view, byte[] viewField, RowSchema schema, List<Task> pipeline, CancellationToken ct)
    {
        var field = RedisLayout.SchemaField(viewField, schema.Id);
        var key = (view.Project, BinaryPrimitives.ReadUInt64LittleEndian(field));
        var claim = RedisScripts.Claim.EvaluateAsync(db, RedisLayout.SchemasHash(view.Project), [field, schema.Encoded]);
        if (schemas.ContainsKey(key))
        {
            pipeline.Add(claim);
            return;
        }
        if ((long)await calls.RunAsync(() => claim, ct).ConfigureAwait(false) != 1)
            throw new OnlineStoreException(
                $"online view {view}: the feature list [{string.Join(", ", schema.Names)}] clashes with another stored list of this view; bump the view's version");
        schemas[key] = schema;
    }

    // Same value as reading the 8-byte schema field little-endian, without allocating it (this runs per row read).
    public RowSchema? CachedSchema(string project, byte[] viewField, uint schemaId) =>
        schemas.GetValueOrDefault((project, BinaryPrimitives.ReadUInt32LittleEndian(viewField) | ((ulong)schemaId << 32)));

    /// <summary>Loads schemas this process has not seen yet (one HMGET per project).</summary>
    public async Task LoadSchemasAsync(IDatabaseAsync db, string project, IReadOnlyCollection<byte[]> schemaFields, CancellationToken ct)
    {
        var fields = schemaFields.Select(f => (RedisValue)f).ToArray();
        var stored = await calls.RunAsync(() => db.HashGetAsync(RedisLayout.SchemasHash(project), fields), ct).ConfigureAwait(false);
        for (var i = 0; i < fields.Length; i++)
        {
            if (stored[i].IsNull)
                continue;
            try
            {
                schemas[(project, BinaryPrimitives.ReadUInt64LittleEndian((byte[])fields[i]!))] = RowSchema.Decode((byte[])stored[i]!);
            }
            catch (FormatException e)
            {
                throw new OnlineStoreException($"Redis hash fs:{project}:schemas holds a malformed feature list", e);
            }
        }
    }
}
