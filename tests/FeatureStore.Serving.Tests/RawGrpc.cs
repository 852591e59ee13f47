using System.Net;
using System.Net.Http.Headers;
using FeatureStore.Protos.Wire;
using Google.Protobuf;

namespace FeatureStore.Serving.Tests;

/// <summary>Hand-made HTTP/2 requests to the server, for what a well-behaved client never sends (bad frames, odd paths).</summary>
internal static class RawGrpc
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler()) { Timeout = TimeSpan.FromSeconds(30) };

    public sealed record Reply(HttpStatusCode HttpStatus, string? Status, string? Message, bool TrailersOnly, byte[] Body);

    public static async Task<Reply> PostAsync(Uri server, string path, byte[] body, string? timeout = null)
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
        {
            request.Headers.TryAddWithoutValidation("grpc-timeout", timeout);
        }

        using var response = await Http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var trailersOnly = response.Headers.Contains("grpc-status");
        var source = trailersOnly ? (HttpHeaders)response.Headers : response.TrailingHeaders;
        return new Reply(
            response.StatusCode,
            source.TryGetValues("grpc-status", out var status) ? status.First() : null,
            source.TryGetValues("grpc-message", out var message) ? GrpcMessageText.Decode(message.First()) : null,
            trailersOnly,
            bytes);
    }

    public static Task<Reply> CallAsync(Uri server, string path, IMessage message, string? timeout = null) =>
        PostAsync(server, path, GrpcFrame.ToArray(message), timeout);

    public const string GetOnlineFeatures = "/featurestore.serving.v1.FeatureServing/GetOnlineFeatures";
}
