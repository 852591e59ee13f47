namespace FeatureStore.Client.Tests;

/// <summary>
/// A real HTTP handler with a count of the requests it sends. Given as <see cref="FeatureServingClientOptions.Handler"/>
/// (a custom handler, as for a test certificate), every gRPC attempt, first call or retry, is one request. (With the
/// default SocketsHttpHandler the channel manages connections itself, and an attempt on a connection known to be down
/// fails before any request is sent.)
/// </summary>
internal sealed class AttemptCounter() : DelegatingHandler(new HttpClientHandler())
{
    private int attempts;

    public int Attempts => Volatile.Read(ref attempts);

    /// <summary>Called after each attempt's request has been answered or has failed, with the attempt's number.</summary>
    public Action<int>? AfterAttempt { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref attempts);
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            AfterAttempt?.Invoke(attempt);
        }
    }
}
