using System.Buffers;
using FeatureStore.Protos.Wire;
using Google.Protobuf;

namespace FeatureStore.Serving.Grpc;

/// <summary>A typed unary method: parses the request (bad protobuf → INVALID_ARGUMENT) and hands it to <see cref="HandleAsync"/>.</summary>
public abstract class UnaryMethod<TRequest> : IGrpcMethod
    where TRequest : IMessage<TRequest>
{
    protected UnaryMethod(string service, string method, MessageParser<TRequest> parser)
    {
        Path = $"/{service}/{method}";
        Name = method;
        Parser = parser;
    }

    public string Path { get; }

    public string Name { get; }

    private MessageParser<TRequest> Parser { get; }

    public async ValueTask<IGrpcReply> InvokeAsync(ReadOnlySequence<byte> request, GrpcCallContext context)
    {
        TRequest message;
        try
        {
            message = Parser.ParseFrom(request);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new GrpcStatusException(GrpcStatusCode.InvalidArgument, $"the request is not a valid {typeof(TRequest).Name} message: {e.Message}");
        }

        return await HandleAsync(message, context).ConfigureAwait(false);
    }

    protected abstract ValueTask<IGrpcReply> HandleAsync(TRequest request, GrpcCallContext context);
}
