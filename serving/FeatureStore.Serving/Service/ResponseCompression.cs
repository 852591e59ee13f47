using Grpc.Core;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Http;

namespace FeatureStore.Serving.Service;

/// <summary>
/// A call whose request came gzip-compressed gets a gzip-compressed reply. Replies are not compressed merely because
/// a client accepts gzip (stock clients all do): on this latency-bound path compression would cost every call.
/// </summary>
internal static class ResponseCompression
{
    private const string Gzip = "gzip";

    // grpc-dotnet reads this response header as the per-call choice of response encoding (and does not send it).
    private static readonly Metadata GzipReply = new() { { "grpc-internal-encoding-request", Gzip } };

    public static Task MatchRequestAsync(ServerCallContext context)
    {
        var encoding = context.GetHttpContext().Request.Headers["grpc-encoding"];
        return encoding.Count == 1 && string.Equals(encoding[0], Gzip, StringComparison.Ordinal)
            ? context.WriteResponseHeadersAsync(GzipReply)
            : Task.CompletedTask;
    }
}
