using System.Security.Cryptography;
using StackExchange.Redis;

namespace FeatureStore.Online.Redis;

/// <summary>
/// The Lua scripts, run by SHA (EVALSHA) and sent in full (EVAL, which also caches them) only when a server answers
/// NOSCRIPT, e.g. after a restart. Every call's keys share one hash slot, so each works in Redis Cluster.
/// </summary>
internal static class RedisScripts
{
    // Compares the 8-byte big-endian event ticks prefixes: true when the stored row is strictly newer.
    private const string StoredIsNewer = """
        local function stored_is_newer(old, new)
          for i = 1, 8 do
            local a, b = string.byte(old, i), string.byte(new, i)
            if a ~= b then return a > b end
          end
          return false
        end
        """;

    // One row's guarded write, shared by both multi-row scripts (redis.call held in a local: it runs several times a row).
    private const string PutRow = """

        local call = redis.call
        local field, at = ARGV[1], tonumber(ARGV[2])
        local written = 0
        local expect_absent = true
        local function put(key, row)
          local stored = false
          if expect_absent and call('HSETNX', key, field, row) == 1 then
            stored = true
          else
            local old = call('HGET', key, field)
            expect_absent = not old
            if not (old and stored_is_newer(old, row)) then
              call('HSET', key, field, row)
              stored = true
            end
          end
          if stored then
            local expires = call('PEXPIRETIME', key)
            if at == 0 then
              if expires >= 0 then call('PERSIST', key) end
            elseif (expires >= 0 and expires < at) or (expires == -1 and call('HLEN', key) == 1) then
              call('PEXPIREAT', key, at)
            end
            written = written + 1
          end
        end
        """;

    /// <summary>
    /// KEYS[1..n] entity hashes (one slot in Redis Cluster), ARGV[1] view field, ARGV[2] expiry as unix ms (0 = none),
    /// ARGV[2 + i] the row bytes for KEYS[i]. Rows are applied in order, each written only when the stored row is not
    /// newer; returns how many were written. A key's TTL only ever grows to cover the latest expiry of its rows, and a
    /// row without expiry makes the key persistent. While rows keep landing on absent fields (a first backfill) each is
    /// one HSETNX; after a row finds its field taken the script reads first (HGET) until a field is absent again, so
    /// new rows take two calls instead of three and stored ones stay at three (HGET, HSET, PEXPIRETIME).
    /// </summary>
    public static readonly Script GuardedWriteMany = new(StoredIsNewer + PutRow + """

        for i = 1, #KEYS do
          put(KEYS[i], ARGV[i + 2])
        end
        return written
        """);

    /// <summary>
    /// The same guarded rows for Redis Cluster, many hash slots of one node per call: KEYS[1] is only the routing key
    /// (a key of the batch, so the call lands on the node owning its slot), ARGV[1] view field, ARGV[2] expiry, then
    /// pairs ARGV[2i+1] key, ARGV[2i+2] row. Needs Redis 7 (flag allow-cross-slot-keys); every key must live on that node.
    /// </summary>
    public static readonly Script GuardedWriteManyCrossSlot = new("#!lua flags=allow-cross-slot-keys\n" + StoredIsNewer + PutRow + """

        for i = 3, #ARGV, 2 do
          put(ARGV[i], ARGV[i + 1])
        end
        return written
        """);

    /// <summary>KEYS[1] newest hash, ARGV[1] view name, ARGV[2] 8-byte big-endian ticks: keeps the greater.</summary>
    public static readonly Script RaiseNewest = new(StoredIsNewer + """

        local old = redis.call('HGET', KEYS[1], ARGV[1])
        if old and stored_is_newer(old, ARGV[2]) then return 0 end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        return 1
        """);

    /// <summary>KEYS[1] hash, ARGV[1] field, ARGV[2] value: sets it if absent; 1 when it now holds ARGV[2], 0 on a clash.</summary>
    public static readonly Script Claim = new("""
        local cur = redis.call('HGET', KEYS[1], ARGV[1])
        if not cur then
          redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
          return 1
        end
        if cur == ARGV[2] then return 1 end
        return 0
        """);

    internal sealed class Script(string text)
    {
        private readonly byte[] sha1 = SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(text));

        public string Text { get; } = text;

        public Task<RedisResult> EvaluateAsync(IDatabaseAsync db, RedisKey key, RedisValue[] args) => EvaluateAsync(db, [key], args);

        public async Task<RedisResult> EvaluateAsync(IDatabaseAsync db, RedisKey[] keys, RedisValue[] args)
        {
            try
            {
                return await db.ScriptEvaluateAsync(sha1, keys, args).ConfigureAwait(false);
            }
            catch (RedisServerException e) when (e.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
            {
                return await db.ScriptEvaluateAsync(Text, keys, args).ConfigureAwait(false);
            }
        }
    }
}
