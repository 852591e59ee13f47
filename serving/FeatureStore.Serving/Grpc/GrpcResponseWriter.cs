using System.Buffers;
using System.Globalization;
using FeatureStore.Protos.Wire;
using Microsoft.AspNetCore.Http;

namespace FeatureStore.Serving.Grpc;

/// <summary>Writes a unary reply: one framed message then trailers, or a trailers-only error.</summary>
internal static class GrpcResponseWriter
{
    private const int DirectWriteLimit = 16 * 1024;

    public static async ValueTask WriteMessageAsync(HttpResponse response, IGrpcReply reply, CancellationToken cancellationToken)
    {
        PrepareHeaders(response);
        var size = reply.Size;
        var frameSize = GrpcFrame.HeaderSize + size;
        if (frameSize <= DirectWriteLimit)
        {
            var span = response.BodyWriter.GetSpan(frameSize);
            WriteFrame(reply, size, span[..frameSize]);
            // No flush: Kestrel sends the buffered DATA frame together with the trailers when the call completes.
            response.BodyWriter.Advance(frameSize);
        }
        else
        {
            var rented = ArrayPool<byte>.Shared.Rent(frameSize);
            try
            {
                WriteFrame(reply, size, rented.AsSpan(0, frameSize));
                await response.BodyWriter.WriteAsync(rented.AsMemory(0, frameSize), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        response.AppendTrailer(GrpcFrame.StatusTrailer, "0");
    }

    private static void WriteFrame(IGrpcReply reply, int size, Span<byte> destination)
    {
        GrpcFrame.WriteHeader(size, destination);
        reply.WriteTo(destination.Slice(GrpcFrame.HeaderSize, size));
    }

    /// <summary>
    /// Ends the call with a status. Before anything was sent this is a trailers-only response (one HEADERS frame with
    /// END_STREAM carrying grpc-status), which every gRPC client accepts; otherwise the status goes in the trailers.
    /// </summary>
    public static void WriteStatus(HttpResponse response, GrpcStatusCode status, string? message)
    {
        var code = ((int)status).ToString(CultureInfo.InvariantCulture);
        var encoded = string.IsNullOrEmpty(message) ? null : GrpcMessageText.Encode(message);
        if (!response.HasStarted)
        {
            PrepareHeaders(response);
            response.Headers[GrpcFrame.StatusTrailer] = code;
            if (encoded is not null)
            {
                response.Headers[GrpcFrame.MessageTrailer] = encoded;
            }

            return;
        }

        response.AppendTrailer(GrpcFrame.StatusTrailer, code);
        if (encoded is not null)
        {
            response.AppendTrailer(GrpcFrame.MessageTrailer, encoded);
        }
    }

    private static void PrepareHeaders(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcFrame.ContentType;
    }
}
