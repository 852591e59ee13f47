using System.Runtime.CompilerServices;
using FeatureStore.Client.Reply;
using FeatureStore.Serving.V1;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using static Grpc.Health.V1.HealthCheckResponse.Types;

namespace FeatureStore.Client;

/// <summary>
/// The feature server's C# client: one long-lived instance per process (its <see cref="GrpcChannel"/> holds the HTTP/2
/// connections, and many concurrent calls share them). Every call has a deadline; UNAVAILABLE is retried per the
/// channel's retry policy while the deadline allows; any other non-OK status fails at once with
/// <see cref="FeatureServingException"/>. Thread-safe.
/// </summary>
public sealed class FeatureServingClient : IDisposable
{
    private readonly FeatureServingClientOptions options;
    private readonly GrpcChannel channel;
    private readonly CallInvoker invoker;
    private readonly FeatureServing.FeatureServingClient generated;
    private readonly Health.HealthClient health;
    private readonly Metadata? headers;

    public FeatureServingClient(FeatureServingClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = options;
        channel = ClientChannel.Create(options);
        invoker = channel.CreateCallInvoker();
        generated = new FeatureServing.FeatureServingClient(invoker);
        health = new Health.HealthClient(invoker);
        // Built once and only read by the channel, so every call shares it.
        headers = options.ApiKey is { } key ? new Metadata { { "authorization", "Bearer " + key } } : null;
    }

    /// <summary>A client for <c>http://host:port</c> (h2c) or <c>https://host:port</c> with default settings.</summary>
    public FeatureServingClient(Uri address) : this(new FeatureServingClientOptions { Address = address }) { }

    public Uri Address => options.Address;

    /// <exception cref="FeatureServingException">The call ended with a non-OK status (after retries for UNAVAILABLE).</exception>
    public async Task<OnlineFeaturesResult> GetOnlineFeaturesAsync(OnlineFeatureQuery query, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var request = query.ToRequest();
        try
        {
            return await invoker.AsyncUnaryCall(OnlineFeaturesMethod.GetOnlineFeatures, null, CallOptionsFor(timeout, cancellationToken), request).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw Translate(e, cancellationToken);
        }
    }

    /// <summary>The raw call, for callers that build the request message themselves; the reply is the generated message.</summary>
    /// <exception cref="FeatureServingException">The call ended with a non-OK status (after retries for UNAVAILABLE).</exception>
    public async Task<GetOnlineFeaturesResponse> GetOnlineFeaturesAsync(GetOnlineFeaturesRequest request, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await generated.GetOnlineFeaturesAsync(request, CallOptionsFor(timeout, cancellationToken)).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw Translate(e, cancellationToken);
        }
    }

    /// <summary>
    /// Pushes rows of one feature view whose data source is a push source: written online through the event-time guard
    /// and appended to the source's Parquet history, all or nothing. Build the rows as <see cref="PushRow"/> messages
    /// (source column name → <see cref="Value"/>, the event time included).
    /// </summary>
    /// <exception cref="FeatureServingException">NOT_FOUND (unknown view), FAILED_PRECONDITION (the view takes no pushes),
    /// INVALID_ARGUMENT (bad rows, named by index; nothing written), UNAVAILABLE after retries.</exception>
    public async Task<PushFeaturesResponse> PushFeaturesAsync(PushFeaturesRequest request, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await generated.PushFeaturesAsync(request, CallOptionsFor(timeout, cancellationToken)).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw Translate(e, cancellationToken);
        }
    }

    /// <summary>The standard grpc.health.v1 check; <paramref name="service"/> "" is the whole server.</summary>
    /// <exception cref="FeatureServingException">The check itself failed (e.g. NOT_FOUND for an unknown service).</exception>
    public async Task<ServingStatus> CheckHealthAsync(string service = "", TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        try
        {
            var response = await health.CheckAsync(new HealthCheckRequest { Service = service }, CallOptionsFor(timeout, cancellationToken)).ConfigureAwait(false);
            return response.Status;
        }
        catch (RpcException e)
        {
            throw Translate(e, cancellationToken);
        }
    }

    /// <summary>
    /// The grpc.health.v1 watch: the current status, then each change, until <paramref name="cancellationToken"/> ends
    /// the stream (the enumeration then simply stops). No deadline: a watch is meant to stay open.
    /// </summary>
    /// <exception cref="FeatureServingException">The stream ended with a non-OK status other than CANCELLED by the caller.</exception>
    public async IAsyncEnumerable<ServingStatus> WatchHealthAsync(string service = "", [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        using var call = health.Watch(new HealthCheckRequest { Service = service }, new CallOptions(headers, cancellationToken: cancellationToken));
        while (true)
        {
            ServingStatus status;
            try
            {
                if (!await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
                {
                    yield break;
                }

                status = call.ResponseStream.Current.Status;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
            {
                yield break;
            }
            catch (RpcException e)
            {
                throw Translate(e, cancellationToken);
            }

            yield return status;
        }
    }

    public void Dispose() => channel.Dispose();

    private CallOptions CallOptionsFor(TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var wait = timeout ?? options.DefaultTimeout;
        if (wait <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), wait, "a call's timeout must be positive");
        }

        return new CallOptions(headers, DateTime.UtcNow + wait, cancellationToken);
    }

    /// <summary>
    /// Cancellation by the caller stays an <see cref="OperationCanceledException"/>; every other status becomes a
    /// <see cref="FeatureServingException"/> (the reply reader's own, when it refused the reply). UNAVAILABLE raised
    /// on this side (a local exception behind it: no connection) names the address that could not be reached.
    /// </summary>
    private Exception Translate(RpcException e, CancellationToken cancellationToken)
    {
        if (e.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            return new OperationCanceledException("the call was cancelled by the caller", e, cancellationToken);
        }

        return e.Status.DebugException switch
        {
            FeatureServingException reader => reader,
            { } local when e.StatusCode == StatusCode.Unavailable =>
                new FeatureServingException(e.StatusCode, $"cannot reach the feature server at {options.Address}: {e.Status.Detail} ({local.Message})", e),
            _ => new FeatureServingException(e.StatusCode, e.Status.Detail, e),
        };
    }
}
