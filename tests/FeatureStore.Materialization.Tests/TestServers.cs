using System.Net;
using System.Net.Sockets;

namespace FeatureStore.Materialization.Tests;

/// <summary>The Redis test.sh starts; a missing one fails the test with a message saying how to start it.</summary>
internal static class TestServers
{
    public static string Redis
    {
        get
        {
            var value = Environment.GetEnvironmentVariable("FEATURESTORE_TEST_REDIS");
            Assert.False(string.IsNullOrWhiteSpace(value),
                "FEATURESTORE_TEST_REDIS is not set: run ./test.sh, or start a server with deploy/redis.sh start DIR and export FEATURESTORE_TEST_REDIS=host:port");
            return value!;
        }
    }

    /// <summary>A 127.0.0.1 port nothing listens on (bound then released).</summary>
    public static int DeadPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
