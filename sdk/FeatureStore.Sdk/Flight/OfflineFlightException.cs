using Grpc.Core;

namespace FeatureStore.Sdk.Flight;

/// <summary>
/// A call to the offline Flight service ended with a non-OK gRPC status: the server's (INVALID_ARGUMENT for a bad request
/// or spine, NOT_FOUND for an unknown feature, service or ticket) or the client's for local failures.
/// <see cref="Exception.Message"/> is "CODE: detail".
/// </summary>
public sealed class OfflineFlightException : Exception
{
    public OfflineFlightException(StatusCode status, string detail, Exception? innerException = null)
        : base($"{StatusName(status)}: {detail}", innerException)
    {
        Status = status;
        Detail = detail;
    }

    public OfflineFlightException()
        : this(StatusCode.Unknown, "unknown error")
    {
    }

    public OfflineFlightException(string message)
        : this(StatusCode.Unknown, message)
    {
    }

    public OfflineFlightException(string message, Exception innerException)
        : this(StatusCode.Unknown, message, innerException)
    {
    }

    public StatusCode Status { get; }

    /// <summary>The status message alone.</summary>
    public string Detail { get; }

    private static string StatusName(StatusCode status) => FeatureStore.Client.FeatureServingException.StatusName(status);
}
