using System.Buffers;

namespace FeatureStore.Serving.Grpc;

/// <summary>One unary gRPC method, found by its path <c>/package.Service/Method</c>.</summary>
public interface IGrpcMethod
{
    string Path { get; }

    /// <summary>Short name for metrics and logs (e.g. <c>GetOnlineFeatures</c>).</summary>
    string Name { get; }

    ValueTask<IGrpcReply> InvokeAsync(ReadOnlySequence<byte> request, GrpcCallContext context);
}
