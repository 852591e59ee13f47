using Google.Protobuf;

namespace FeatureStore.Serving.Grpc;

/// <summary>A reply that is a generated protobuf message.</summary>
public sealed class MessageReply(IMessage message) : IGrpcReply
{
    public int Size { get; } = message.CalculateSize();

    public void WriteTo(Span<byte> destination) => message.WriteTo(destination);
}
