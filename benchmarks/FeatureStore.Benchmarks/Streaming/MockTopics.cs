using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace FeatureStore.Benchmarks.Streaming;

/// <summary>
/// Creates a topic with a chosen partition count on librdkafka's mock cluster through its own API
/// (rd_kafka_mock_topic_create), which Confluent.Kafka does not wrap: against the mock, the admin client's CreateTopics
/// times out waiting for a controller, and topics it auto-creates get its default partition count.
/// </summary>
internal static class MockTopics
{
    private delegate IntPtr MockClusterOf(IntPtr kafka);

    private delegate int CreateTopic(IntPtr cluster, [MarshalAs(UnmanagedType.LPUTF8Str)] string topic, int partitions, int replicationFactor);

    /// <param name="owner">The client whose <c>test.mock.num.brokers</c> started the mock cluster.</param>
    public static void Create(Handle owner, string topic, int partitions)
    {
        var library = NativeLibrary.Load(LoadedLibrdkafka());
        var clusterOf = Marshal.GetDelegateForFunctionPointer<MockClusterOf>(NativeLibrary.GetExport(library, "rd_kafka_handle_mock_cluster"));
        var create = Marshal.GetDelegateForFunctionPointer<CreateTopic>(NativeLibrary.GetExport(library, "rd_kafka_mock_topic_create"));
        var safeHandle = (SafeHandle)typeof(Handle).GetProperty("LibrdkafkaHandle", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(owner)!;
        var cluster = clusterOf(safeHandle.DangerousGetHandle());
        if (cluster == IntPtr.Zero)
            throw new InvalidOperationException("the producer does not own a mock cluster");
        var error = create(cluster, topic, partitions, 1);
        if (error != 0)
            throw new InvalidOperationException($"the mock cluster did not create topic {topic} with {partitions} partitions: {new Error((ErrorCode)error).Reason}");
    }

    /// <summary>The librdkafka Confluent.Kafka loaded, so the mock calls reach the same library instance.</summary>
    private static string LoadedLibrdkafka() =>
        Process.GetCurrentProcess().Modules.Cast<ProcessModule>().Select(m => m.FileName).FirstOrDefault(f => f.Contains("librdkafka", StringComparison.Ordinal))
        ?? throw new InvalidOperationException("librdkafka is not loaded");
}
