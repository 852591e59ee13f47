namespace FeatureStore.Serving.Grpc;

/// <summary>
/// A unary reply ready to be framed: its encoded size and a writer of exactly that many bytes. Lets a method encode
/// its protobuf reply straight from its own data instead of building a message object graph first.
/// </summary>
public interface IGrpcReply
{
    int Size { get; }

    void WriteTo(Span<byte> destination);
}
