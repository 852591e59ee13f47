using FeatureStore.Online;
using FeatureStore.Protos.Wire;
using FeatureStore.Serving.Logging;
using Microsoft.Extensions.Logging;

namespace FeatureStore.Serving.Grpc;

/// <summary>The one place exceptions become gRPC statuses. Anything unexpected is INTERNAL with a generic message (details go to the log).</summary>
internal static class GrpcErrorBoundary
{
    public static (GrpcStatusCode Code, string Message) Map(Exception exception, bool deadlinePassed, bool clientGone, string method, ILogger logger)
    {
        switch (exception)
        {
            case GrpcStatusException status:
                return (status.Status, status.Message);
            case OperationCanceledException when deadlinePassed:
                return (GrpcStatusCode.DeadlineExceeded, "the deadline passed before the call completed");
            case OperationCanceledException when clientGone:
                return (GrpcStatusCode.Cancelled, "the client cancelled the call");
            case OnlineStoreUnavailableException unavailable:
                ServerLog.OnlineStoreUnavailable(logger, method, unavailable.Message);
                return (GrpcStatusCode.Unavailable, $"the online store is unavailable: {unavailable.Message}");
            case OnlineStoreException store:
                return (GrpcStatusCode.Internal, $"the online store failed: {store.Message}");
            case Microsoft.AspNetCore.Http.BadHttpRequestException or IOException:
                return (GrpcStatusCode.Internal, $"the request could not be read: {exception.Message}");
            default:
                ServerLog.UnhandledError(logger, method, exception);
                return (GrpcStatusCode.Internal, "internal server error (see the server log)");
        }
    }
}
