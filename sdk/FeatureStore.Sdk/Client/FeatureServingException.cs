using FeatureStore.Protos.Wire;

namespace FeatureStore.Sdk.Client;

/// <summary>A call to the feature server ended with a non-OK gRPC status; the message is the server's (or the client's for local failures).</summary>
public sealed class FeatureServingException : Exception
{
    public FeatureServingException(GrpcStatusCode status, string message, Exception? inner = null)
        : base($"{StatusName(status)}: {message}", inner)
    {
        Status = status;
        Detail = message;
    }

    public FeatureServingException() : this(GrpcStatusCode.Unknown, "unknown error") { }

    public FeatureServingException(string message) : this(GrpcStatusCode.Unknown, message) { }

    public FeatureServingException(string message, Exception inner) : this(GrpcStatusCode.Unknown, message, inner) { }

    public GrpcStatusCode Status { get; }

    /// <summary>The status message alone (without the code prefix of <see cref="Exception.Message"/>).</summary>
    public string Detail { get; }

    private static string StatusName(GrpcStatusCode status) => status switch
    {
        GrpcStatusCode.OK => "OK",
        GrpcStatusCode.InvalidArgument => "INVALID_ARGUMENT",
        GrpcStatusCode.DeadlineExceeded => "DEADLINE_EXCEEDED",
        GrpcStatusCode.NotFound => "NOT_FOUND",
        GrpcStatusCode.ResourceExhausted => "RESOURCE_EXHAUSTED",
        GrpcStatusCode.FailedPrecondition => "FAILED_PRECONDITION",
        GrpcStatusCode.PermissionDenied => "PERMISSION_DENIED",
        _ => status.ToString().ToUpperInvariant(),
    };
}
