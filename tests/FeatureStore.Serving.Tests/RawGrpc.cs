using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace FeatureStore.Serving.Tests;

/// <summary>
/// Hand-made HTTP/2 requests to the server, for what a well-behaved client never sends (bad frames, odd paths) and for
/// seeing the bytes on the wire (compression).
/// </summary>
internal static class RawGrpc
{
    public const string GetOnlineFeatures = "/featurestore.serving.v1.FeatureServing/GetOnlineFeatures";

    private static readonly HttpClient Http = new(new SocketsHttpHandler()) { Timeout = TimeSpan.FromSeconds(30) };

    public sealed record Reply(HttpStatusCode HttpStatus, string? Status, string? Message, bool TrailersOnly, byte[] Body, string? Encoding);

    public static async Task<Reply> PostAsync(Uri server, string path, byte[] body, string? timeout = null, string? encoding = null, string? acceptEncoding = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        if (timeout is not null)
            request.Headers.TryAddWithoutValidation("grpc-timeout", timeout);
        if (encoding is not null)
            request.Headers.TryAddWithoutValidation("grpc-encoding", encoding);
        if (acceptEncoding is not null)
            request.Headers.TryAddWithoutValidation("grpc-accept-encoding", acceptEncoding);

        using var response = await Http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var trailersOnly = response.Headers.Contains("grpc-status");
        var source = trailersOnly ? (HttpHeaders)response.Headers : response.TrailingHeaders;
        return new Reply(
            response.StatusCode,
            source.TryGetValues("grpc-status", out var status) ? status.First() : null,
            source.TryGetValues("grpc-message", out var message) ? Uri.UnescapeDataString(message.First()) : null,
            trailersOnly,
            bytes,
            response.Headers.TryGetValues("grpc-encoding", out var replyEncoding) ? replyEncoding.First() : null);
    }

    public static Task<Reply> CallAsync(Uri server, string path, IMessage message, string? timeout = null) =>
        PostAsync(server, path, Frame(message.ToByteArray(), compressed: false), timeout);

    /// <summary>One length-prefixed gRPC message: compressed flag, 4-byte big-endian length, payload.</summary>
    public static byte[] Frame(byte[] payload, bool compressed)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    public static byte[] GzipFrame(IMessage message)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            message.WriteTo(gzip);
        return Frame(buffer.ToArray(), compressed: true);
    }

    /// <summary>The payload of a reply's single message, gunzipped when its compressed flag is set.</summary>
    public static byte[] Payload(Reply reply)
    {
        Assert.True(reply.Body.Length >= 5, $"reply body of {reply.Body.Length} bytes holds no message");
        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(reply.Body.AsSpan(1));
        Assert.Equal(reply.Body.Length - 5, length);
        var payload = reply.Body[5..];
        if (reply.Body[0] == 0)
            return payload;
        using var gzip = new GZipStream(new MemoryStream(payload), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        gzip.CopyTo(plain);
        return plain.ToArray();
    }
}
