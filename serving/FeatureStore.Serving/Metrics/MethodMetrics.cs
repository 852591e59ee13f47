using Grpc.Core;
using Prometheus;

namespace FeatureStore.Serving.Metrics;

/// <summary>
/// The latency and error series of one gRPC method, one slot per status code, each created on its first call
/// (so only codes that happened are exported) and cached so recording a call does no label lookup.
/// </summary>
internal sealed class MethodMetrics(string method, Histogram latencyFamily, Counter errorFamily)
{
    private readonly Histogram.Child?[] latency = new Histogram.Child?[GrpcCodeNames.Count];
    private readonly Counter.Child?[] errors = new Counter.Child?[GrpcCodeNames.Count];

    public void Record(StatusCode code, double seconds)
    {
        var slot = (uint)code < GrpcCodeNames.Count ? (int)code : (int)StatusCode.Unknown;
        // WithLabels returns the same child for the same labels, so a racing first call only repeats a lookup.
        (latency[slot] ??= latencyFamily.WithLabels(method, GrpcCodeNames.Name(code))).Observe(seconds);
        if (code != StatusCode.OK)
        {
            (errors[slot] ??= errorFamily.WithLabels(method, GrpcCodeNames.Name(code))).Inc();
        }
    }
}
