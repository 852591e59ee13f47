using Grpc.Core;

namespace FeatureStore.Client;

/// <summary>
/// A call to the feature server ended with a non-OK gRPC status: the server's, or the client's for local failures
/// (unreachable server, deadline, malformed reply). <see cref="Exception.Message"/> is "CODE_NAME: detail".
/// </summary>
public sealed class FeatureServingException : Exception
{
    public FeatureServingException(StatusCode status, string message, Exception? inner = null)
        : base($"{StatusName(status)}: {message}", inner)
    {
        Status = status;
        Detail = message;
    }

    public FeatureServingException() : this(StatusCode.Unknown, "unknown error") { }

    public FeatureServingException(string message) : this(StatusCode.Unknown, message) { }

    public FeatureServingException(string message, Exception inner) : this(StatusCode.Unknown, message, inner) { }

    public StatusCode Status { get; }

    /// <summary>The status message alone (without the code prefix of <see cref="Exception.Message"/>).</summary>
    public string Detail { get; }

    /// <summary>The gRPC name of a status code, as in the protocol spec (DEADLINE_EXCEEDED, not DeadlineExceeded).</summary>
    public static string StatusName(StatusCode status) => status switch
    {
        StatusCode.OK => "OK",
        StatusCode.Cancelled => "CANCELLED",
        StatusCode.Unknown => "UNKNOWN",
        StatusCode.InvalidArgument => "INVALID_ARGUMENT",
        StatusCode.DeadlineExceeded => "DEADLINE_EXCEEDED",
        StatusCode.NotFound => "NOT_FOUND",
        StatusCode.AlreadyExists => "ALREADY_EXISTS",
        StatusCode.PermissionDenied => "PERMISSION_DENIED",
        StatusCode.ResourceExhausted => "RESOURCE_EXHAUSTED",
        StatusCode.FailedPrecondition => "FAILED_PRECONDITION",
        StatusCode.Aborted => "ABORTED",
        StatusCode.OutOfRange => "OUT_OF_RANGE",
        StatusCode.Unimplemented => "UNIMPLEMENTED",
        StatusCode.Internal => "INTERNAL",
        StatusCode.Unavailable => "UNAVAILABLE",
        StatusCode.DataLoss => "DATA_LOSS",
        StatusCode.Unauthenticated => "UNAUTHENTICATED",
        _ => ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
