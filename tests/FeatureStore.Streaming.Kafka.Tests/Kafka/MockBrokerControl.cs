using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace FeatureStore.Streaming.Kafka.Tests.Kafka;

/// <summary>
/// Takes a mock-cluster broker down and up through librdkafka's own mock API (rd_kafka_mock_broker_set_down/up), which
/// Confluent.Kafka does not wrap: the broker drops its connections and refuses new ones until set up again.
/// </summary>
internal static class MockBrokerControl
{
    private delegate IntPtr MockClusterOf(IntPtr kafka);

    private delegate int SetBroker(IntPtr cluster, int brokerId);

    public static void SetDown(Handle owner, int brokerId) => Call(owner, "rd_kafka_mock_broker_set_down", brokerId);

    public static void SetUp(Handle owner, int brokerId) => Call(owner, "rd_kafka_mock_broker_set_up", brokerId);

    private static void Call(Handle owner, string function, int brokerId)
    {
        var library = NativeLibrary.Load(LoadedLibrdkafka());
        var clusterOf = Marshal.GetDelegateForFunctionPointer<MockClusterOf>(NativeLibrary.GetExport(library, "rd_kafka_handle_mock_cluster"));
        var set = Marshal.GetDelegateForFunctionPointer<SetBroker>(NativeLibrary.GetExport(library, function));
        var safeHandle = (SafeHandle)typeof(Handle).GetProperty("LibrdkafkaHandle", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(owner)!;
        var cluster = clusterOf(safeHandle.DangerousGetHandle());
        Assert.NotEqual(IntPtr.Zero, cluster);
        Assert.Equal(0, set(cluster, brokerId));
    }

    /// <summary>The librdkafka Confluent.Kafka loaded, so the mock calls reach the same library instance.</summary>
    private static string LoadedLibrdkafka() =>
        Process.GetCurrentProcess().Modules.Cast<ProcessModule>().Select(m => m.FileName).FirstOrDefault(f => f.Contains("librdkafka", StringComparison.Ordinal))
        ?? throw new InvalidOperationException("librdkafka is not loaded");
}
