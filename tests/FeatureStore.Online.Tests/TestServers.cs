using System.Net;
using System.Net.Sockets;

namespace FeatureStore.Online.Tests;

/// <summary>Addresses of the servers test.sh starts; a missing one fails the test with a message saying how to start it.</summary>
internal static class TestServers
{
    public static string Redis => Required("FEATURESTORE_TEST_REDIS", "deploy/redis.sh start DIR");

    public static string RedisCluster => Required("FEATURESTORE_TEST_REDIS_CLUSTER", "deploy/redis-cluster.sh start DIR");

    /// <summary>A 127.0.0.1 port nothing listens on (bound then released).</summary>
    public static int DeadPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string Required(string variable, string starter)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        Assert.False(string.IsNullOrWhiteSpace(value),
            $"{variable} is not set: run ./test.sh, or start a server with {starter} and export {variable}=host:port");
        return value!;
    }
}
