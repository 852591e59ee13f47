using System.Collections.Concurrent;
using System.Diagnostics;
using FeatureStore.Online;
using FeatureStore.Serving.Features;
using FeatureStore.Serving.Logging;
using FeatureStore.Serving.Metrics;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace FeatureStore.Serving.Service;

/// <summary>
/// The one place exceptions become gRPC statuses, and where every call is measured once (latency and code per
/// method). Domain exceptions keep their message; anything unexpected is INTERNAL with a generic message (details go
/// to the log).
/// </summary>
internal sealed class ErrorBoundaryInterceptor(ServingMetrics metrics, ILogger logger) : Interceptor
{
    private readonly ConcurrentDictionary<string, string> shortNames = new(StringComparer.Ordinal);

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var started = Stopwatch.GetTimestamp();
        var method = ShortName(context.Method);
        try
        {
            await ResponseCompression.MatchRequestAsync(context).ConfigureAwait(false);
            var response = await continuation(request, context).ConfigureAwait(false);
            metrics.RecordCall(method, StatusCode.OK, started);
            return response;
        }
        catch (Exception e)
        {
            throw Fail(e, method, context, started);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var started = Stopwatch.GetTimestamp();
        var method = ShortName(context.Method);
        try
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
            metrics.RecordCall(method, StatusCode.OK, started);
        }
        catch (Exception e)
        {
            throw Fail(e, method, context, started);
        }
    }

    private RpcException Fail(Exception exception, string method, ServerCallContext context, long started)
    {
        var status = Map(exception, method, context);
        metrics.RecordCall(method, status.StatusCode, started);
        ServerLog.CallFailed(logger, method, GrpcCodeNames.Name(status.StatusCode), status.Detail);
        return exception as RpcException ?? new RpcException(status);
    }

    private Status Map(Exception exception, string method, ServerCallContext context)
    {
        switch (exception)
        {
            case RpcException rpc:
                return rpc.Status;
            case FeatureRequestException request:
                return new Status(Code(request.Error), request.Message);
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested && context.Deadline <= DateTime.UtcNow:
                return new Status(StatusCode.DeadlineExceeded, "the deadline passed before the call completed");
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return new Status(StatusCode.Cancelled, "the client cancelled the call");
            case OnlineStoreUnavailableException unavailable:
                ServerLog.OnlineStoreUnavailable(logger, method, unavailable.Message);
                return new Status(StatusCode.Unavailable, $"the online store is unavailable: {unavailable.Message}");
            case OnlineStoreException store:
                return new Status(StatusCode.Internal, $"the online store failed: {store.Message}");
            default:
                ServerLog.UnhandledError(logger, method, exception);
                return new Status(StatusCode.Internal, "internal server error (see the server log)");
        }
    }

    private static StatusCode Code(FeatureRequestError error) => error switch
    {
        FeatureRequestError.NotFound => StatusCode.NotFound,
        FeatureRequestError.InvalidArgument => StatusCode.InvalidArgument,
        FeatureRequestError.FailedPrecondition => StatusCode.FailedPrecondition,
        FeatureRequestError.Unavailable => StatusCode.Unavailable,
        FeatureRequestError.Unauthenticated => StatusCode.Unauthenticated,
        FeatureRequestError.PermissionDenied => StatusCode.PermissionDenied,
        _ => StatusCode.Internal,
    };

    /// <summary>"/pkg.Service/Method" → "Method", cached so a call allocates no string.</summary>
    private string ShortName(string fullMethod) =>
        shortNames.GetOrAdd(fullMethod, static path => path[(path.LastIndexOf('/') + 1)..]);
}
