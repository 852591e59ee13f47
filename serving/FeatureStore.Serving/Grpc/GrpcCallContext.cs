using Microsoft.AspNetCore.Http;

namespace FeatureStore.Serving.Grpc;

/// <summary>What a method handler knows about its call: the cancellation (deadline or client gone) and the HTTP context.</summary>
public sealed class GrpcCallContext(HttpContext httpContext, CancellationToken cancellationToken, DateTimeOffset? deadline)
{
    public HttpContext HttpContext { get; } = httpContext;

    /// <summary>Cancelled when the deadline passes or the client goes away.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>When the client stops waiting; null when it sent no grpc-timeout.</summary>
    public DateTimeOffset? Deadline { get; } = deadline;
}
