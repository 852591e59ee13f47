using System.Net;
using StackExchange.Redis;

namespace FeatureStore.Online.Redis;

/// <summary>
/// Cuts a write into guarded multi-row script calls of at most <see cref="RowsPerCall"/> rows. A single server takes
/// rows in input order. In Redis Cluster rows are grouped by the node that owns their key's hash slot and each node's
/// rows go out as cross-slot calls (<see cref="RedisScripts.GuardedWriteManyCrossSlot"/>), routed by their first key;
/// the calls are pipelined, so every node works on its batches at the same time. Within a group rows keep their input
/// order, so a key written twice ends with the later row, as with one call per row.
/// </summary>
internal static class RedisWriteCalls
{
    public const int RowsPerCall = 256;

    /// <summary>True when any connected server runs in cluster mode.</summary>
    public static bool IsCluster(ConnectionMultiplexer multiplexer) =>
        multiplexer.GetEndPoints().Any(e => multiplexer.GetServer(e).ServerType == ServerType.Cluster);

    /// <summary>One script call: the script, its KEYS and ARGV.</summary>
    public readonly record struct Call(RedisScripts.Script Script, RedisKey[] Keys, RedisValue[] Args);

    public static List<Call> Plan(ConnectionMultiplexer multiplexer, bool cluster, RedisKey[] keys, byte[][] encodedRows, byte[] viewField, RedisValue expiresMs)
    {
        var calls = new List<Call>(keys.Length / RowsPerCall + 1);
        if (!cluster)
        {
            for (var start = 0; start < keys.Length; start += RowsPerCall)
            {
                var count = Math.Min(RowsPerCall, keys.Length - start);
                var args = new RedisValue[count + 2];
                args[0] = viewField;
                args[1] = expiresMs;
                for (var j = 0; j < count; j++)
                    args[j + 2] = encodedRows[start + j];
                calls.Add(new Call(RedisScripts.GuardedWriteMany, keys.AsSpan(start, count).ToArray(), args));
            }

            return calls;
        }

        var slots = SlotOwners(multiplexer);
        var byNode = new Dictionary<EndPoint, List<int>>();
        for (var i = 0; i < keys.Length; i++)
        {
            var node = slots.GetBySlot(multiplexer.HashSlot(keys[i]))?.EndPoint
                ?? throw new OnlineStoreUnavailableException($"Redis Cluster: no node owns hash slot {multiplexer.HashSlot(keys[i])}");
            if (!byNode.TryGetValue(node, out var members))
                byNode[node] = members = [];
            members.Add(i);
            if (members.Count == RowsPerCall)
            {
                calls.Add(CrossSlotCall(members, keys, encodedRows, viewField, expiresMs));
                members.Clear();
            }
        }

        foreach (var members in byNode.Values)
        {
            if (members.Count > 0)
                calls.Add(CrossSlotCall(members, keys, encodedRows, viewField, expiresMs));
        }

        return calls;
    }

    private static ClusterConfiguration SlotOwners(ConnectionMultiplexer multiplexer)
    {
        foreach (var endpoint in multiplexer.GetEndPoints())
        {
            if (multiplexer.GetServer(endpoint) is { IsConnected: true, ClusterConfiguration: { } configuration })
                return configuration;
        }

        throw new OnlineStoreUnavailableException("Redis Cluster: no connected node reports the cluster's slot map");
    }

    private static Call CrossSlotCall(List<int> members, RedisKey[] keys, byte[][] encodedRows, byte[] viewField, RedisValue expiresMs)
    {
        var args = new RedisValue[(members.Count * 2) + 2];
        args[0] = viewField;
        args[1] = expiresMs;
        for (var j = 0; j < members.Count; j++)
        {
            args[(2 * j) + 2] = (byte[])keys[members[j]]!;
            args[(2 * j) + 3] = encodedRows[members[j]];
        }

        return new Call(RedisScripts.GuardedWriteManyCrossSlot, [keys[members[0]]], args);
    }
}
