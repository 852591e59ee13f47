using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using FeatureStore.Protos.Wire;
using Google.Protobuf;

namespace FeatureStore.Sdk.Client;

/// <summary>Turns a reply message's bytes (<paramref name="buffer"/> is pooled: do not keep it) into the caller's type.</summary>
internal delegate TResponse ReplyParser<out TResponse>(byte[] buffer, int offset, int length);

/// <summary>
/// One unary gRPC call over <see cref="HttpClient"/> (HTTP/2 only): frames the request, sends grpc-timeout, reads the
/// reply and the status from the trailers (or from the headers of a trailers-only reply). No retry here.
/// </summary>
internal sealed class GrpcUnaryCaller(HttpClient http, Uri address, int maxResponseSize)
{
    private static readonly MediaTypeHeaderValue GrpcContentType = new(GrpcFrame.ContentType);

    public async Task<TResponse> CallAsync<TResponse>(Uri method, IMessage request, ReplyParser<TResponse> parser, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var remaining = deadline - DateTimeOffset.UtcNow;
        if (remaining <= TimeSpan.Zero)
        {
            throw new FeatureServingException(GrpcStatusCode.DeadlineExceeded, "the deadline passed before the call was sent");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(remaining);
        using var message = new HttpRequestMessage(HttpMethod.Post, method)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(GrpcFrame.ToArray(request)),
        };
        message.Content.Headers.ContentType = GrpcContentType;
        message.Headers.TryAddWithoutValidation("te", "trailers");
        message.Headers.TryAddWithoutValidation(GrpcTimeout.HeaderName, GrpcTimeout.Format(remaining));
        try
        {
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new FeatureServingException(FromHttpStatus(response.StatusCode), $"the server answered HTTP {(int)response.StatusCode} instead of a gRPC reply");
            }

            if (TryReadStatus(response.Headers, out var trailersOnlyError))
            {
                throw trailersOnlyError ?? new FeatureServingException(GrpcStatusCode.Internal, "the server sent no reply message");
            }

            var (body, length) = await ReadBodyAsync(response.Content, timeout.Token).ConfigureAwait(false);
            try
            {
                if (!TryReadStatus(response.TrailingHeaders, out var error))
                {
                    throw new FeatureServingException(GrpcStatusCode.Internal, "the reply has no grpc-status trailer");
                }

                if (error is not null)
                {
                    throw error;
                }

                return Parse(body, length, parser);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(body);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FeatureServingException(GrpcStatusCode.DeadlineExceeded, $"no reply within the deadline ({remaining.TotalMilliseconds:0} ms)");
        }
        catch (HttpRequestException e)
        {
            throw new FeatureServingException(GrpcStatusCode.Unavailable, $"cannot reach the feature server at {address}: {e.Message}", e);
        }
    }

    /// <summary>
    /// The reply body in a pooled array (return it): a 100-entity reply is over 85 KB, and a fresh array per call would
    /// land on the large-object heap and bring full collections with it.
    /// </summary>
    private async Task<(byte[] Buffer, int Length)> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var length = 0;
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                int read;
                while ((read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    length += read;
                    if (length > GrpcFrame.HeaderSize + (long)maxResponseSize)
                    {
                        throw new FeatureServingException(GrpcStatusCode.ResourceExhausted, $"the reply is more than the client's limit of {maxResponseSize} bytes");
                    }

                    if (length == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                }
            }

            return (buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private TResponse Parse<TResponse>(byte[] buffer, int bodyLength, ReplyParser<TResponse> parser)
    {
        var body = buffer.AsSpan(0, bodyLength);
        if (body.Length < GrpcFrame.HeaderSize)
        {
            throw new FeatureServingException(GrpcStatusCode.Internal, $"the reply is {body.Length} bytes, shorter than a message frame header");
        }

        var (compressed, length) = GrpcFrame.ReadHeader(body);
        if (compressed)
        {
            throw new FeatureServingException(GrpcStatusCode.Internal, "the reply is compressed; this client asked for none");
        }

        if (length > (uint)maxResponseSize)
        {
            throw new FeatureServingException(GrpcStatusCode.ResourceExhausted, $"the reply message is {length} bytes, more than the client's limit of {maxResponseSize}");
        }

        if (body.Length != GrpcFrame.HeaderSize + length)
        {
            throw new FeatureServingException(GrpcStatusCode.Internal, $"the reply frame declares {length} bytes but {body.Length - GrpcFrame.HeaderSize} arrived");
        }

        try
        {
            return parser(buffer, GrpcFrame.HeaderSize, (int)length);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new FeatureServingException(GrpcStatusCode.Internal, $"the reply is not a valid {typeof(TResponse).Name}: {e.Message}", e);
        }
    }

    /// <summary>Whether the header block carries grpc-status; <paramref name="error"/> is null for OK.</summary>
    private static bool TryReadStatus(HttpHeaders headers, out FeatureServingException? error)
    {
        error = null;
        if (!headers.TryGetValues(GrpcFrame.StatusTrailer, out var statusValues))
        {
            return false;
        }

        var text = statusValues.FirstOrDefault();
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            error = new FeatureServingException(GrpcStatusCode.Internal, $"malformed grpc-status '{text}'");
        }
        else if (code != 0)
        {
            var detail = headers.TryGetValues(GrpcFrame.MessageTrailer, out var messages) ? GrpcMessageText.Decode(messages.FirstOrDefault() ?? "") : "";
            error = new FeatureServingException((GrpcStatusCode)code, detail);
        }

        return true;
    }

    /// <summary>The gRPC spec's mapping of HTTP statuses for replies that are not gRPC at all.</summary>
    private static GrpcStatusCode FromHttpStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => GrpcStatusCode.Internal,
        HttpStatusCode.Unauthorized => GrpcStatusCode.Unauthenticated,
        HttpStatusCode.Forbidden => GrpcStatusCode.PermissionDenied,
        HttpStatusCode.NotFound => GrpcStatusCode.Unimplemented,
        HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => GrpcStatusCode.Unavailable,
        _ => GrpcStatusCode.Unknown,
    };
}
