using StackExchange.Redis;

namespace FeatureStore.Online.Redis;

/// <summary>
/// Cuts a write into guarded multi-row script calls of at most <see cref="RowsPerCall"/> rows. In Redis Cluster every
/// call may only touch one hash slot, so rows are grouped by their key's slot (the multiplexer computes it) when the server is a
/// cluster; the client computes a slot even for a single server, so slots are only used in cluster mode). Within a group rows keep their
/// input order, so a key written twice ends with the later row, as with one call per row.
/// </summary>
internal static class RedisWriteCalls
{
    public const int RowsPerCall = 256;

    /// <summary>True when any connected server runs in cluster mode.</summary>
    public static bool IsCluster(ConnectionMultiplexer multiplexer) =>
        multiplexer.GetEndPoints().Any(e => multiplexer.GetServer(e).ServerType == ServerType.Cluster);

    /// <summary>One script call: the entity hashes and ARGV (view field, expiry ms, then one row per key).</summary>
    public readonly record struct Call(RedisKey[] Keys, RedisValue[] Args);

    public static List<Call> Plan(ConnectionMultiplexer multiplexer, bool cluster, RedisKey[] keys, byte[][] encodedRows, byte[] viewField, RedisValue expiresMs)
    {
        var calls = new List<Call>(keys.Length / RowsPerCall + 1);
        var bySlot = new Dictionary<int, List<int>>();
        for (var i = 0; i < keys.Length; i++)
        {
            var slot = cluster ? multiplexer.HashSlot(keys[i]) : 0;
            if (!bySlot.TryGetValue(slot, out var members))
                bySlot[slot] = members = [];
            members.Add(i);
            if (members.Count == RowsPerCall)
            {
                calls.Add(ToCall(members, keys, encodedRows, viewField, expiresMs));
                members.Clear();
            }
        }
        foreach (var members in bySlot.Values)
        {
            if (members.Count > 0)
                calls.Add(ToCall(members, keys, encodedRows, viewField, expiresMs));
        }
        return calls;
    }

    private static Call ToCall(List<int> members, RedisKey[] keys, byte[][] encodedRows, byte[] viewField, RedisValue expiresMs)
    {
        var callKeys = new RedisKey[members.Count];
        var args = new RedisValue[members.Count + 2];
        args[0] = viewField;
        args[1] = expiresMs;
        for (var j = 0; j < members.Count; j++)
        {
            callKeys[j] = keys[members[j]];
            args[j + 2] = encodedRows[members[j]];
        }
        return new Call(callKeys, args);
    }
}
