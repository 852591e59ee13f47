using System.Buffers;
using System.IO.Pipelines;
using FeatureStore.Protos.Wire;

namespace FeatureStore.Serving.Grpc;

/// <summary>
/// Reads the one message of a unary call from the request body. Oversized → RESOURCE_EXHAUSTED (decided from the frame
/// header, before the body is buffered); truncated frame, missing message or trailing bytes → INTERNAL; compressed → UNIMPLEMENTED.
/// </summary>
internal static class GrpcRequestReader
{
    /// <summary>The message bytes in a rented array (return it with <see cref="ArrayPool{T}.Return"/>) and their length.</summary>
    public static async ValueTask<(byte[] Buffer, int Length)> ReadMessageAsync(PipeReader body, int maxMessageSize, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await body.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            long? frameLength = null;
            if (buffer.Length >= GrpcFrame.HeaderSize)
            {
                frameLength = CheckHeader(buffer, maxMessageSize);
            }

            if (result.IsCompleted)
            {
                try
                {
                    return Complete(buffer, frameLength);
                }
                finally
                {
                    body.AdvanceTo(buffer.End);
                }
            }

            if (frameLength is { } needed && buffer.Length > needed)
            {
                body.AdvanceTo(buffer.End);
                throw new GrpcStatusException(GrpcStatusCode.Internal, "the request holds more than one message; a unary call takes exactly one");
            }

            body.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static long CheckHeader(ReadOnlySequence<byte> buffer, int maxMessageSize)
    {
        Span<byte> header = stackalloc byte[GrpcFrame.HeaderSize];
        buffer.Slice(0, GrpcFrame.HeaderSize).CopyTo(header);
        var (compressed, length) = GrpcFrame.ReadHeader(header);
        if (compressed)
        {
            throw new GrpcStatusException(GrpcStatusCode.Unimplemented, "compressed request messages are not supported; send them uncompressed (grpc-encoding identity)");
        }

        if (length > maxMessageSize)
        {
            throw new GrpcStatusException(
                GrpcStatusCode.ResourceExhausted,
                $"the request message is {length} bytes, more than the server's limit of {maxMessageSize} bytes");
        }

        return GrpcFrame.HeaderSize + (long)length;
    }

    private static (byte[] Buffer, int Length) Complete(ReadOnlySequence<byte> buffer, long? frameLength)
    {
        if (buffer.Length == 0)
        {
            throw new GrpcStatusException(GrpcStatusCode.Internal, "the request has no message; a unary call takes exactly one");
        }

        if (frameLength is not { } total || buffer.Length < total)
        {
            throw new GrpcStatusException(GrpcStatusCode.Internal, $"the request ends inside a message frame ({buffer.Length} bytes received)");
        }

        if (buffer.Length > total)
        {
            throw new GrpcStatusException(GrpcStatusCode.Internal, "the request holds more than one message; a unary call takes exactly one");
        }

        var length = (int)(total - GrpcFrame.HeaderSize);
        var rented = ArrayPool<byte>.Shared.Rent(Math.Max(1, length));
        buffer.Slice(GrpcFrame.HeaderSize, length).CopyTo(rented);
        return (rented, length);
    }
}
