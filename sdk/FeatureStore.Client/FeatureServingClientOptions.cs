namespace FeatureStore.Client;

/// <summary>
/// Settings of a <see cref="FeatureServingClient"/>. <see cref="Address"/>: <c>http://host:port</c> for cleartext HTTP/2
/// (h2c), <c>https://host:port</c> for TLS. UNAVAILABLE is retried with exponential backoff and full jitter (the gRPC
/// retry policy of the channel's service config), always within the call's deadline.
/// </summary>
public sealed record FeatureServingClientOptions
{
    public required Uri Address { get; init; }

    /// <summary>Deadline of a call when the caller gives none (sent as grpc-timeout, enforced locally too).</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts after the first one on UNAVAILABLE (0 = no retry).</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>Upper bound of the first retry's random delay; each further retry doubles it, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(50);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest reply message accepted; bigger ones fail with RESOURCE_EXHAUSTED.</summary>
    public int MaxResponseSize { get; init; } = 64 * 1024 * 1024;

    /// <summary>
    /// The API key (the token <c>featurestore access key create</c> printed) sent as <c>authorization: Bearer KEY</c> on
    /// every call; null sends none (servers with <c>auth: {required: true}</c> then answer UNAUTHENTICATED). Never
    /// printed: <see cref="ToString"/> shows it as "***".
    /// </summary>
    public string? ApiKey { get; init; }

    /// <summary>A custom handler (e.g. one trusting a test certificate); the client does not dispose it. Default: a pooled <see cref="SocketsHttpHandler"/>.</summary>
    public HttpMessageHandler? Handler { get; init; }

    /// <summary>Every setting but the key's value, so logging the options never leaks it.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Address = {Address}, DefaultTimeout = {DefaultTimeout}, MaxRetries = {MaxRetries}, InitialBackoff = {InitialBackoff}, ");
        builder.Append($"MaxBackoff = {MaxBackoff}, MaxResponseSize = {MaxResponseSize}, ApiKey = {(ApiKey is null ? "null" : "***")}, Handler = {Handler}");
        return true;
    }

    internal void Validate()
    {
        if (Address is null || !Address.IsAbsoluteUri || (Address.Scheme != Uri.UriSchemeHttp && Address.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"feature server address '{Address}' must be http://host:port (h2c) or https://host:port (TLS)", nameof(Address));
        }

        if (DefaultTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"feature serving client: DefaultTimeout must be positive, found {DefaultTimeout}", nameof(DefaultTimeout));
        }

        if (MaxRetries < 0)
        {
            throw new ArgumentException($"feature serving client: MaxRetries must be 0 or more, found {MaxRetries}", nameof(MaxRetries));
        }

        if (InitialBackoff <= TimeSpan.Zero || MaxBackoff < InitialBackoff)
        {
            throw new ArgumentException($"feature serving client: InitialBackoff must be positive and at most MaxBackoff, found {InitialBackoff} and {MaxBackoff}", nameof(InitialBackoff));
        }

        if (ApiKey is not null && (ApiKey.Length == 0 || ApiKey.Any(c => c <= ' ' || c > '~')))
        {
            // The key itself is never part of a message.
            throw new ArgumentException(
                "feature serving client: ApiKey must be the one-line token printed by 'featurestore access key create' (printable ASCII, no spaces)", nameof(ApiKey));
        }

        if (MaxResponseSize <= 0)
        {
            throw new ArgumentException($"feature serving client: MaxResponseSize must be positive, found {MaxResponseSize}", nameof(MaxResponseSize));
        }
    }
}
