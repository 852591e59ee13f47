using System.Security.Cryptography;
using StackExchange.Redis;

namespace FeatureStore.Online.Redis;

/// <summary>
/// The Lua scripts, run by SHA (EVALSHA) and sent in full (EVAL, which also caches them) only when a server answers
/// NOSCRIPT, e.g. after a restart. Every script touches a single key, so each works in Redis Cluster.
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

    /// <summary>
    /// KEYS[1] entity hash, ARGV[1] view field, ARGV[2] row bytes, ARGV[3] expiry as unix ms (0 = none).
    /// Returns 1 when written, 0 when the stored row is newer. The key's TTL only ever grows to cover the latest
    /// expiry of its rows, and a row without expiry makes the key persistent.
    /// </summary>
    public static readonly Script GuardedWrite = new(StoredIsNewer + """

        local old = redis.call('HGET', KEYS[1], ARGV[1])
        if old and stored_is_newer(old, ARGV[2]) then return 0 end
        local expires = redis.call('PEXPIRETIME', KEYS[1])
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        local at = tonumber(ARGV[3])
        if at == 0 then
          if expires >= 0 then redis.call('PERSIST', KEYS[1]) end
        elseif expires == -2 or (expires >= 0 and expires < at) then
          redis.call('PEXPIREAT', KEYS[1], at)
        elseif expires == -1 and redis.call('HLEN', KEYS[1]) == 1 then
          redis.call('PEXPIREAT', KEYS[1], at)
        end
        return 1
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

        public async Task<RedisResult> EvaluateAsync(IDatabaseAsync db, RedisKey key, RedisValue[] args)
        {
            try
            {
                return await db.ScriptEvaluateAsync(sha1, [key], args).ConfigureAwait(false);
            }
            catch (RedisServerException e) when (e.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
            {
                return await db.ScriptEvaluateAsync(Text, [key], args).ConfigureAwait(false);
            }
        }
    }
}
