using System.Globalization;
using FeatureStore.Sdk.Client;

namespace FeatureStore.Serving.Tests;

public sealed class MetricsTests
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task MetricsEndpointCountsCallsStatusesErrorsAndReportsFreshness()
    {
        await using var env = await ServingEnvironment.StartAsync();
        var before = await ScrapeAsync(env);

        await env.Client.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures("driver_stats:trips", "driver_stats:city").WithEntities("driver_id", 1001L, 1002L, 1003L, 42L));
        await Assert.ThrowsAsync<FeatureServingException>(() => env.Client.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatureService("nope").WithEntities("driver_id", 1L)));
        await WaitForFreshnessAsync(env);
        var after = await ScrapeAsync(env);

        double Moved(string sample) => after.GetValueOrDefault(sample) - before.GetValueOrDefault(sample);
        Assert.Equal(1, Moved("featurestore_grpc_request_duration_seconds_count{method=\"GetOnlineFeatures\",code=\"OK\"}"));
        Assert.Equal(1, Moved("featurestore_grpc_errors_total{method=\"GetOnlineFeatures\",code=\"NOT_FOUND\"}"));
        Assert.Equal(3, Moved("featurestore_feature_status_total{view=\"driver_stats\",status=\"PRESENT\"}"));
        Assert.Equal(1, Moved("featurestore_feature_status_total{view=\"driver_stats\",status=\"NULL_VALUE\"}"));
        Assert.Equal(2, Moved("featurestore_feature_status_total{view=\"driver_stats\",status=\"OUTSIDE_MAX_AGE\"}"));
        Assert.Equal(2, Moved("featurestore_feature_status_total{view=\"driver_stats\",status=\"NOT_FOUND\"}"));
        Assert.Equal(3, Moved("featurestore_served_value_age_seconds_count{view=\"driver_stats\"}"));
        Assert.Equal(1, Moved("featurestore_request_entity_rows_bucket{le=\"5\"}"));
        Assert.Equal(0, Moved("featurestore_request_entity_rows_bucket{le=\"2\"}"));
        Assert.Equal(1, Moved("featurestore_online_store_read_duration_seconds_count"));
        var freshness = after["featurestore_view_freshness_seconds{view=\"driver_stats\"}"];
        Assert.InRange(freshness, 55, 600); // the newest driver row was written one minute before the test started
        Assert.True(after["featurestore_view_freshness_seconds{view=\"customer_profile\"}"] > 29 * 24 * 3600);
        Assert.True(after["featurestore_registry_revision"] >= 1);
    }

    [Fact]
    public async Task MetricsTextIsWellFormedPrometheusExposition()
    {
        await using var env = await ServingEnvironment.StartAsync();
        await env.Client.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures("driver_stats:trips").WithEntities("driver_id", 1001L));

        using var response = await Http.GetAsync(new Uri(env.Server.MetricsAddress!, "/metrics"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.Matches(@"^(# (HELP|TYPE) [a-z_]+ .+|[a-z_]+(\{[a-z_]+=""[^""]*""(,[a-z_]+=""[^""]*"")*\})? [-+0-9.eE]+|[a-z_]+(\{.*\})? \+Inf)$", line);
        }

        Assert.Contains("# TYPE featurestore_grpc_request_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("featurestore_grpc_request_duration_seconds_bucket{method=\"GetOnlineFeatures\",code=\"OK\",le=\"+Inf\"} 1", text, StringComparison.Ordinal);
    }

    private static async Task WaitForFreshnessAsync(ServingEnvironment env)
    {
        for (var i = 0; i < 50 && !(await ScrapeAsync(env)).ContainsKey("featurestore_view_freshness_seconds{view=\"driver_stats\"}"); i++)
        {
            await Task.Delay(100);
        }
    }

    internal static async Task<Dictionary<string, double>> ScrapeAsync(ServingEnvironment env)
    {
        var text = await Http.GetStringAsync(new Uri(env.Server.MetricsAddress!, "/metrics"));
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var space = line.LastIndexOf(' ');
            samples[line[..space]] = line[(space + 1)..] == "+Inf" ? double.PositiveInfinity : double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
        }

        return samples;
    }
}
