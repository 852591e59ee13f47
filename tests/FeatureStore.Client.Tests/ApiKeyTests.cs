using System.Collections.Concurrent;
using FeatureStore.Serving.Tests;
using FeatureStore.Serving.V1;

namespace FeatureStore.Client.Tests;

/// <summary><see cref="FeatureServingClientOptions.ApiKey"/>: sent as a bearer header on every call, never printed.</summary>
public sealed class ApiKeyTests
{
    private const string Key = "fsk_0123456789ab_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0";

    [Fact]
    public async Task The_key_goes_out_as_a_bearer_header_on_every_call()
    {
        using var recorder = new HeaderRecorder();
        await using var env = await ServingEnvironment.StartAsync(
            clientOptions: new FeatureServingClientOptions { Address = new Uri("http://unused"), ApiKey = Key, Handler = recorder });

        await env.Client.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures("driver_stats:trips").WithEntities("driver_id", 1001L));
        await env.Client.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures("driver_stats:trips").WithEntities("driver_id", 1001L).ToRequest());
        await env.Client.CheckHealthAsync();
        await Assert.ThrowsAsync<FeatureServingException>(() => env.Client.PushFeaturesAsync(new PushFeaturesRequest { FeatureView = "driver_stats" }));

        Assert.Equal(
            ["GetOnlineFeatures", "GetOnlineFeatures", "Check", "PushFeatures"],
            recorder.Calls.Select(c => c.Method));
        Assert.All(recorder.Calls, c => Assert.Equal("Bearer " + Key, c.Authorization));
    }

    [Fact]
    public async Task Without_a_key_no_authorization_header_is_sent()
    {
        using var recorder = new HeaderRecorder();
        await using var env = await ServingEnvironment.StartAsync(
            clientOptions: new FeatureServingClientOptions { Address = new Uri("http://unused"), Handler = recorder });

        await env.Client.CheckHealthAsync();

        Assert.Equal([("Check", (string?)null)], recorder.Calls.Select(c => (c.Method, c.Authorization)));
    }

    [Fact]
    public void Printing_the_options_hides_the_key()
    {
        var options = new FeatureServingClientOptions { Address = new Uri("http://127.0.0.1:6566"), ApiKey = Key };

        var text = options.ToString();

        Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
        Assert.Contains("ApiKey = ***", text, StringComparison.Ordinal);
        Assert.Contains("Address = http://127.0.0.1:6566/", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("fsk_0123456789ab_has a space")]
    [InlineData("fsk_0123456789ab_line\nbreak")]
    public void A_key_that_is_not_one_printable_token_is_refused_without_echoing_it(string key)
    {
        var error = Assert.Throws<ArgumentException>(() => new FeatureServingClient(new FeatureServingClientOptions { Address = new Uri("http://127.0.0.1:1"), ApiKey = key }));

        Assert.Contains("ApiKey must be the one-line token", error.Message, StringComparison.Ordinal);
        if (key.Length > 0)
        {
            Assert.DoesNotContain(key, error.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>A real HTTP handler that notes each request's method name and authorization header.</summary>
    private sealed class HeaderRecorder() : DelegatingHandler(new HttpClientHandler())
    {
        private readonly ConcurrentQueue<(string Method, string? Authorization)> calls = new();

        public IReadOnlyList<(string Method, string? Authorization)> Calls => [.. calls];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var authorization = request.Headers.TryGetValues("authorization", out var values) ? string.Join(",", values) : null;
            calls.Enqueue((request.RequestUri!.Segments[^1], authorization));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
