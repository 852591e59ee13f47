using System.Buffers;
using System.Collections.Frozen;
using System.Diagnostics;
using FeatureStore.Protos.Wire;
using FeatureStore.Serving.Logging;
using FeatureStore.Serving.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FeatureStore.Serving.Grpc;

/// <summary>
/// Serves gRPC unary calls on an HTTP/2 request: routes the path to a method (unknown → UNIMPLEMENTED), applies the
/// grpc-timeout deadline as a cancellation linked to the request abort, reads the one request message, runs the
/// handler, writes the reply, and turns every failure into a status through <see cref="GrpcErrorBoundary"/>.
/// </summary>
internal sealed class GrpcDispatcher
{
    private readonly FrozenDictionary<string, (IGrpcMethod Method, int Index)> methods;
    private readonly ServingMetrics metrics;
    private readonly int maxMessageSize;
    private readonly ILogger logger;

    public GrpcDispatcher(IReadOnlyList<IGrpcMethod> methods, ServingMetrics metrics, int maxMessageSize, ILogger logger)
    {
        this.methods = methods.Select((m, i) => (m, i)).ToFrozenDictionary(x => x.m.Path, x => (x.m, x.i), StringComparer.Ordinal);
        this.metrics = metrics;
        this.maxMessageSize = maxMessageSize;
        this.logger = logger;
    }

    public async Task HandleAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        var request = http.Request;
        if (!HttpMethods.IsPost(request.Method) || request.ContentType is not { } contentType || !contentType.StartsWith(GrpcFrame.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            // Not a gRPC call at all: plain HTTP status, as the gRPC spec asks for a wrong content type.
            http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        if (!methods.TryGetValue(request.Path.Value ?? "", out var entry))
        {
            GrpcResponseWriter.WriteStatus(http.Response, GrpcStatusCode.Unimplemented, $"unknown method '{request.Path.Value}'");
            metrics.RecordCall(metrics.UnknownMethod, GrpcStatusCode.Unimplemented, started);
            return;
        }

        var code = await InvokeAsync(http, entry.Method).ConfigureAwait(false);
        metrics.RecordCall(entry.Index, code, started);
    }

    private async Task<GrpcStatusCode> InvokeAsync(HttpContext http, IGrpcMethod method)
    {
        CancellationTokenSource? deadlineSource = null;
        var cancellation = http.RequestAborted;
        DateTimeOffset? deadline = null;
        try
        {
            if (http.Request.Headers.TryGetValue(GrpcTimeout.HeaderName, out var timeoutHeader))
            {
                if (!GrpcTimeout.TryParse(timeoutHeader.ToString(), out var timeout))
                {
                    throw new GrpcStatusException(GrpcStatusCode.Internal, $"malformed grpc-timeout header '{timeoutHeader}'");
                }

                deadline = DateTimeOffset.UtcNow + timeout;
                deadlineSource = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
                deadlineSource.CancelAfter(timeout);
                cancellation = deadlineSource.Token;
            }

            var (buffer, length) = await GrpcRequestReader.ReadMessageAsync(http.Request.BodyReader, maxMessageSize, cancellation).ConfigureAwait(false);
            IGrpcReply reply;
            try
            {
                reply = await method.InvokeAsync(new ReadOnlySequence<byte>(buffer, 0, length), new GrpcCallContext(http, cancellation, deadline)).ConfigureAwait(false);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            cancellation.ThrowIfCancellationRequested();
            await GrpcResponseWriter.WriteMessageAsync(http.Response, reply, cancellation).ConfigureAwait(false);
            return GrpcStatusCode.OK;
        }
        catch (Exception e)
        {
            var deadlinePassed = deadlineSource is not null && deadlineSource.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested;
            var (code, message) = GrpcErrorBoundary.Map(e, deadlinePassed, http.RequestAborted.IsCancellationRequested, method.Name, logger);
            ServerLog.CallFailed(logger, method.Name, PrometheusTextWriter.CodeName(code), message);
            if (!http.RequestAborted.IsCancellationRequested)
            {
                GrpcResponseWriter.WriteStatus(http.Response, code, message);
            }

            return code;
        }
        finally
        {
            deadlineSource?.Dispose();
        }
    }
}
