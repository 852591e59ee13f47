using FeatureStore.Offline;
using FeatureStore.Sdk;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace FeatureStore.OfflineServing.Flight;

/// <summary>
/// The service's one error boundary: a request the caller can fix becomes INVALID_ARGUMENT or NOT_FOUND with the message
/// naming the field, column, feature or ticket; an unreachable registry UNAVAILABLE; anything else is logged and INTERNAL.
/// </summary>
internal static class FlightErrors
{
    public static async Task GuardAsync(string method, ILogger logger, CancellationToken cancellationToken, Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (Exception e) when (Status(e, cancellationToken) is { } status)
        {
            throw new RpcException(status);
        }
        catch (Exception e) when (e is not RpcException)
        {
            OfflineServingLog.CallFailed(logger, method, e);
            throw new RpcException(new Status(StatusCode.Internal, $"{method} failed on the server: {e.Message}"));
        }
    }

    public static async Task<T> GuardAsync<T>(string method, ILogger logger, CancellationToken cancellationToken, Func<Task<T>> call)
    {
        var result = default(T)!;
        await GuardAsync(method, logger, cancellationToken, async () =>
        {
            result = await call().ConfigureAwait(false);
        }).ConfigureAwait(false);
        return result;
    }

    public static RpcException InvalidArgument(string message) => new(new Status(StatusCode.InvalidArgument, message));

    public static RpcException NotFound(string message) => new(new Status(StatusCode.NotFound, message));

    private static Status? Status(Exception e, CancellationToken cancellationToken) => e switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => new Status(StatusCode.Cancelled, "the call was cancelled"),
        FormatException => new Status(StatusCode.InvalidArgument, e.Message),
        FeatureStoreException { Code: FeatureStoreErrorCode.NotFound } => new Status(StatusCode.NotFound, e.Message),
        FeatureStoreException { Code: FeatureStoreErrorCode.RegistryUnavailable } => new Status(StatusCode.Unavailable, e.Message),
        FeatureStoreException { Code: FeatureStoreErrorCode.Unauthenticated } => new Status(StatusCode.Unauthenticated, e.Message),
        FeatureStoreException { Code: FeatureStoreErrorCode.PermissionDenied } => new Status(StatusCode.PermissionDenied, e.Message),
        FeatureStoreException => new Status(StatusCode.InvalidArgument, e.Message),
        TrainingSetException => new Status(StatusCode.InvalidArgument, e.Message),
        _ => null,
    };
}
