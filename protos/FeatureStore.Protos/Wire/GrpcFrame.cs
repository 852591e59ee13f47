using System.Buffers.Binary;
using Google.Protobuf;

namespace FeatureStore.Protos.Wire;

/// <summary>gRPC length-prefixed message framing: 1 byte compressed flag, 4 bytes big-endian length, the message.</summary>
public static class GrpcFrame
{
    public const int HeaderSize = 5;
    public const string ContentType = "application/grpc";
    public const string StatusTrailer = "grpc-status";
    public const string MessageTrailer = "grpc-message";

    /// <summary>The default largest message either side accepts (the gRPC default, 4 MiB).</summary>
    public const int DefaultMaxMessageSize = 4 * 1024 * 1024;

    /// <summary>Writes the frame header and the message into <paramref name="destination"/> (exactly <see cref="HeaderSize"/> + size bytes).</summary>
    public static void Write(IMessage message, int size, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(message);
        WriteHeader(size, destination);
        message.WriteTo(destination.Slice(HeaderSize, size));
    }

    /// <summary>Writes the header of an uncompressed frame holding <paramref name="size"/> message bytes.</summary>
    public static void WriteHeader(int size, Span<byte> destination)
    {
        destination[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)size);
    }

    /// <summary>The whole frame of one message as a new array.</summary>
    public static byte[] ToArray(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var size = message.CalculateSize();
        var frame = new byte[HeaderSize + size];
        Write(message, size, frame);
        return frame;
    }

    /// <summary>Reads a frame header: whether the message is compressed and its declared length.</summary>
    public static (bool Compressed, uint Length) ReadHeader(ReadOnlySpan<byte> header) =>
        (header[0] != 0, BinaryPrimitives.ReadUInt32BigEndian(header[1..]));
}
