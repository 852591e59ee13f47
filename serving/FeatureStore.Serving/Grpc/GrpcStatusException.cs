using FeatureStore.Protos.Wire;

namespace FeatureStore.Serving.Grpc;

/// <summary>A call that ends with a non-OK gRPC status; <see cref="Exception.Message"/> is sent as grpc-message.</summary>
public sealed class GrpcStatusException(GrpcStatusCode status, string message) : Exception(message)
{
    public GrpcStatusCode Status { get; } = status;
}
