using FeatureStore.Serving.Features;
using FeatureStore.Serving.V1;
using Google.Protobuf;
using Grpc.Core;

namespace FeatureStore.Serving.Service;

/// <summary>Marshallers of <see cref="DirectFeatureServing"/>: the generated request parsers, and the hand-encoded reply written into gRPC's buffer.</summary>
internal static class DirectMarshallers
{
    public static readonly Marshaller<PushFeaturesRequest> PushRequest = Marshallers.Create(
        static request => request.ToByteArray(),
        static bytes =>
        {
            try
            {
                return PushFeaturesRequest.Parser.ParseFrom(bytes);
            }
            catch (InvalidProtocolBufferException e)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"the request is not a valid PushFeaturesRequest message: {e.Message}"));
            }
        });

    public static readonly Marshaller<GetOnlineFeaturesRequest> Request = new(
        static (request, context) =>
        {
            context.SetPayloadLength(request.CalculateSize());
            request.WriteTo(context.GetBufferWriter());
            context.Complete();
        },
        static context =>
        {
            try
            {
                return GetOnlineFeaturesRequest.Parser.ParseFrom(context.PayloadAsReadOnlySequence());
            }
            catch (InvalidProtocolBufferException e)
            {
                // Runs before any interceptor: the status is set here.
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"the request is not a valid GetOnlineFeaturesRequest message: {e.Message}"));
            }
        });

    public static readonly Marshaller<OnlineFeaturesReply> Reply = new(
        static (reply, context) =>
        {
            context.SetPayloadLength(reply.Size);
            var writer = context.GetBufferWriter();
            reply.WriteTo(writer.GetSpan(reply.Size)[..reply.Size]);
            writer.Advance(reply.Size);
            context.Complete();
        },
        static _ => throw new NotSupportedException("the server never reads an OnlineFeaturesReply"));
}
