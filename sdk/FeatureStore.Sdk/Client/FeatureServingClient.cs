using FeatureStore.Protos.Wire;
using FeatureStore.Serving.V1;
using Google.Protobuf;
using Grpc.Health.V1;

namespace FeatureStore.Sdk.Client;

/// <summary>
/// The feature server's C# client: one long-lived instance per process (it holds the HTTP/2 connection pool, and many
/// concurrent calls share one connection). Every call has a deadline; UNAVAILABLE is retried with exponential
/// backoff and jitter while the deadline allows. Thread-safe.
/// </summary>
public sealed class FeatureServingClient : IDisposable
{
    private const string GetOnlineFeaturesPath = "/featurestore.serving.v1.FeatureServing/GetOnlineFeatures";
    private const string HealthCheckPath = "/grpc.health.v1.Health/Check";

    private const int StreamWindowSize = 1024 * 1024;

    private readonly FeatureServingClientOptions options;
    private readonly Uri getOnlineFeaturesUri;
    private readonly Uri healthCheckUri;
    private readonly HttpClient http;
    private readonly GrpcUnaryCaller caller;

    public FeatureServingClient(FeatureServingClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = options;
        var handler = options.Handler ?? new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
            // The default 64 KB stream window makes the server stop mid-reply for a WINDOW_UPDATE on a 100-entity
            // reply (~110 KB): one more round trip and thread wake-up per call.
            InitialHttp2StreamWindowSize = StreamWindowSize,
        };
        http = new HttpClient(handler, disposeHandler: options.Handler is null) { Timeout = Timeout.InfiniteTimeSpan };
        caller = new GrpcUnaryCaller(http, options.Address, options.MaxResponseSize);
        getOnlineFeaturesUri = new Uri(options.Address, GetOnlineFeaturesPath);
        healthCheckUri = new Uri(options.Address, HealthCheckPath);
    }

    /// <summary>A client for <c>http://host:port</c> (h2c) or <c>https://host:port</c> with default settings.</summary>
    public FeatureServingClient(Uri address) : this(new FeatureServingClientOptions { Address = address }) { }

    public Uri Address => options.Address;

    /// <exception cref="FeatureServingException">The call ended with a non-OK status (after retries for UNAVAILABLE).</exception>
    public async Task<OnlineFeaturesResult> GetOnlineFeaturesAsync(OnlineFeatureQuery query, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await CallWithRetryAsync(getOnlineFeaturesUri, query.ToRequest(), ReadResult, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The raw call, for callers that build the request message themselves.</summary>
    public Task<GetOnlineFeaturesResponse> GetOnlineFeaturesAsync(GetOnlineFeaturesRequest request, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        CallWithRetryAsync(getOnlineFeaturesUri, request, GetOnlineFeaturesResponse.Parser.ParseFrom, timeout, cancellationToken);

    /// <summary>The standard health check; <paramref name="service"/> "" is the whole server.</summary>
    public async Task<HealthCheckResponse.Types.ServingStatus> CheckHealthAsync(string service = "", TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var response = await CallWithRetryAsync(healthCheckUri, new HealthCheckRequest { Service = service }, HealthCheckResponse.Parser.ParseFrom, timeout, cancellationToken).ConfigureAwait(false);
        return response.Status;
    }

    public void Dispose() => http.Dispose();

    private static OnlineFeaturesResult ReadResult(byte[] buffer, int offset, int length) =>
        OnlineFeaturesReplyReader.Read(buffer, offset, length, DateTimeOffset.UtcNow);

    private async Task<TResponse> CallWithRetryAsync<TResponse>(Uri method, IMessage request, ReplyParser<TResponse> parser, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? options.DefaultTimeout);
        var backoff = options.InitialBackoff;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await caller.CallAsync(method, request, parser, deadline, cancellationToken).ConfigureAwait(false);
            }
            catch (FeatureServingException e) when (e.Status == GrpcStatusCode.Unavailable && attempt < options.MaxRetries)
            {
                // Full jitter: spreads the retries of many clients after a shared outage.
                var delay = TimeSpan.FromTicks((long)(backoff.Ticks * Random.Shared.NextDouble()));
                if (DateTimeOffset.UtcNow + delay >= deadline)
                {
                    throw;
                }

                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(options.MaxBackoff.Ticks, backoff.Ticks * 2));
            }
        }
    }
}
