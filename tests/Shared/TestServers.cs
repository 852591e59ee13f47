using System.Net;
using System.Net.Sockets;

namespace FeatureStore.Tests.Shared;

/// <summary>Addresses of the servers test.sh starts (FEATURESTORE_TEST_* variables); a missing one fails the test saying how to start it.</summary>
internal static class TestServers
{
    public const string RedisVariable = "FEATURESTORE_TEST_REDIS";
    public const string RedisClusterVariable = "FEATURESTORE_TEST_REDIS_CLUSTER";
    public const string PostgresVariable = "FEATURESTORE_TEST_PG";

    /// <summary>host:port of the shared Redis.</summary>
    public static string Redis => Required(RedisVariable, "deploy/redis.sh start DIR", "host:port");

    /// <summary>host:port,host:port,... of the shared Redis Cluster.</summary>
    public static string RedisCluster => Required(RedisClusterVariable, "deploy/redis-cluster.sh start DIR", "host:port,...");

    /// <summary>Npgsql connection string of the shared PostgreSQL server.</summary>
    public static string Postgres =>
        Required(PostgresVariable, "deploy/postgres.sh start DIR", "\"Host=127.0.0.1;Port=...;Username=postgres;Database=postgres\"");

    /// <summary>A 127.0.0.1 port nothing listens on (bound then released).</summary>
    public static int DeadPort() => FreePort();

    /// <summary>A free 127.0.0.1 port for a server the test starts itself (bound then released).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string Required(string variable, string starter, string example) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set: run ./test.sh, or start a server with {starter} and export {variable}={example}");
}
