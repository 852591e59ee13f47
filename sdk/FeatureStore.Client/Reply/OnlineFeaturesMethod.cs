using System.Buffers;
using System.Runtime.InteropServices;
using FeatureStore.Serving.V1;
using Google.Protobuf;
using Grpc.Core;

namespace FeatureStore.Client.Reply;

/// <summary>
/// GetOnlineFeatures with the reply read by <see cref="OnlineFeaturesReplyReader"/> instead of the generated parser:
/// the same method on the wire as <see cref="FeatureServing.FeatureServingClient"/>'s, a different response marshaller.
/// </summary>
internal static class OnlineFeaturesMethod
{
    public static readonly Method<GetOnlineFeaturesRequest, OnlineFeaturesResult> GetOnlineFeatures = new(
        MethodType.Unary,
        FeatureServing.Descriptor.FullName,
        "GetOnlineFeatures",
        Marshallers.Create(SerializeRequest, static context => GetOnlineFeaturesRequest.Parser.ParseFrom(context.PayloadAsReadOnlySequence())),
        Marshallers.Create(SerializeResult, DeserializeResult));

    private static void SerializeRequest(GetOnlineFeaturesRequest request, SerializationContext context)
    {
        context.SetPayloadLength(request.CalculateSize());
        request.WriteTo(context.GetBufferWriter());
        context.Complete();
    }

    private static void SerializeResult(OnlineFeaturesResult result, SerializationContext context) =>
        throw new NotSupportedException("a client never sends an OnlineFeaturesResult");

    /// <summary>Reads the reply in place when it is one array segment (the usual case), else from a pooled copy.</summary>
    private static OnlineFeaturesResult DeserializeResult(DeserializationContext context)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        var payload = context.PayloadAsReadOnlySequence();
        if (payload.IsSingleSegment && MemoryMarshal.TryGetArray(payload.First, out var segment))
        {
            return OnlineFeaturesReplyReader.Read(segment.Array!, segment.Offset, segment.Count, receivedAt);
        }

        var length = checked((int)payload.Length);
        var copy = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            payload.CopyTo(copy);
            return OnlineFeaturesReplyReader.Read(copy, 0, length, receivedAt);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }
}
