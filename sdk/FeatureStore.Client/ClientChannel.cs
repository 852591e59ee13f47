using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;

namespace FeatureStore.Client;

/// <summary>Builds the one long-lived <see cref="GrpcChannel"/> of a client from its options.</summary>
internal static class ClientChannel
{
    private const int StreamWindowSize = 1024 * 1024;

    public static GrpcChannel Create(FeatureServingClientOptions options)
    {
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
        return GrpcChannel.ForAddress(options.Address, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = options.Handler is null,
            MaxReceiveMessageSize = options.MaxResponseSize,
            MaxSendMessageSize = null,
            MaxRetryAttempts = options.MaxRetries + 1,
            ServiceConfig = ServiceConfigOf(options),
        });
    }

    /// <summary>
    /// UNAVAILABLE retried for every method: attempt n+1 waits a random time in [0, min(InitialBackoff x 2^n, MaxBackoff)],
    /// and never past the call's deadline (Grpc.Net.Client's retry policy).
    /// </summary>
    internal static ServiceConfig ServiceConfigOf(FeatureServingClientOptions options)
    {
        var method = new MethodConfig { Names = { MethodName.Default } };
        if (options.MaxRetries > 0)
        {
            method.RetryPolicy = new RetryPolicy
            {
                MaxAttempts = options.MaxRetries + 1,
                InitialBackoff = options.InitialBackoff,
                MaxBackoff = options.MaxBackoff,
                BackoffMultiplier = 2,
                RetryableStatusCodes = { StatusCode.Unavailable },
            };
        }

        return new ServiceConfig { MethodConfigs = { method } };
    }
}
