using FeatureStore.Protos.Wire;

namespace FeatureStore.Sdk.Client;

/// <summary>
/// Settings of a <see cref="FeatureServingClient"/>. <see cref="Address"/>: <c>http://host:port</c> for cleartext HTTP/2
/// (h2c), <c>https://host:port</c> for TLS. Calls are retried on UNAVAILABLE with exponential backoff and jitter,
/// always within the call's deadline.
/// </summary>
public sealed record FeatureServingClientOptions
{
    public required Uri Address { get; init; }

    /// <summary>Deadline of a call when the caller gives none (sent as grpc-timeout, enforced locally too).</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts after the first one on UNAVAILABLE (0 = no retry).</summary>
    public int MaxRetries { get; init; } = 3;

    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(50);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest reply accepted; bigger ones fail with RESOURCE_EXHAUSTED.</summary>
    public int MaxResponseSize { get; init; } = 64 * 1024 * 1024;

    /// <summary>A custom handler (e.g. one trusting a test certificate); the client does not dispose it. Default: a pooled <see cref="SocketsHttpHandler"/>.</summary>
    public HttpMessageHandler? Handler { get; init; }

    internal void Validate()
    {
        if (Address is null || !Address.IsAbsoluteUri || (Address.Scheme != Uri.UriSchemeHttp && Address.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"feature server address '{Address}' must be http://host:port (h2c) or https://host:port (TLS)", nameof(Address));
        }

        if (DefaultTimeout <= TimeSpan.Zero || MaxRetries < 0 || InitialBackoff < TimeSpan.Zero || MaxBackoff < InitialBackoff || MaxResponseSize <= GrpcFrame.HeaderSize)
        {
            throw new ArgumentException("feature serving client options: timeouts must be positive, retries >= 0, backoffs ordered, the response limit positive");
        }
    }
}
