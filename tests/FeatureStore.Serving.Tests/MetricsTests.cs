using System.Diagnostics;
using System.Globalization;
using FeatureStore.Client;
using FeatureStore.Serving.Metrics;
using Grpc.Core;

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
        Assert.Equal(2, Moved("featurestore_feature_status_total{view=\"driver_stats\",status=\"OUTSIDE_TTL\"}"));
        Assert.Equal(2, Moved("featurestore_feature_status_total{view=\"driver_stats\",status=\"MISSING\"}"));
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
        var (exitCode, complaints) = await Promtool.CheckMetricsAsync(text);
        Assert.Equal((0, ""), (exitCode, complaints));
    }

    [Fact]
    public async Task PrometheusScrapesPerViewFreshnessAndTheLatencyHistogram()
    {
        await using var env = await ServingEnvironment.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            await env.Client.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures("driver_stats:trips").WithEntities("driver_id", 1001L));
        }

        await WaitForFreshnessAsync(env);
        await using var prometheus = await TestPrometheus.StartAsync(env.Server.MetricsAddress!);

        var freshness = Assert.Single(await prometheus.WaitForAsync("featurestore_view_freshness_seconds{view=\"driver_stats\"}", TimeSpan.FromSeconds(20)));
        Assert.Equal("featurestore", freshness.Labels["job"]);
        Assert.InRange(freshness.Value, 55, 600); // the newest driver row was written one minute before the test started
        var buckets = await prometheus.WaitForAsync(
            "featurestore_grpc_request_duration_seconds_bucket{method=\"GetOnlineFeatures\",code=\"OK\"}", TimeSpan.FromSeconds(20));
        Assert.Equal(Buckets.Latency.Length + 1, buckets.Count);
        var cumulative = buckets.OrderBy(b => ParseBound(b.Labels["le"])).Select(b => b.Value).ToList();
        Assert.Equal(cumulative.Order(), cumulative);
        Assert.Equal(5, cumulative[^1]);
        var p99 = Assert.Single(await prometheus.QueryAsync(
            "histogram_quantile(0.99, featurestore_grpc_request_duration_seconds_bucket{method=\"GetOnlineFeatures\",code=\"OK\"})"));
        Assert.InRange(p99.Value, 0, 10);
        var up = Assert.Single(await prometheus.QueryAsync("up{job=\"featurestore\"}"));
        Assert.Equal(1, up.Value);
    }

    [Fact]
    public async Task EachServingMetricsHasItsOwnRegistry()
    {
        var counted = new ServingMetrics();
        var untouched = new ServingMetrics();
        counted.RecordCall("GetOnlineFeatures", StatusCode.Unavailable, Stopwatch.GetTimestamp());
        counted.View("driver_stats").CountStatus(ServedStatus.Missing, 2);

        var countedText = await ExpositionAsync(counted);
        var untouchedText = await ExpositionAsync(untouched);

        Assert.Contains("featurestore_grpc_errors_total{method=\"GetOnlineFeatures\",code=\"UNAVAILABLE\"} 1\n", countedText, StringComparison.Ordinal);
        Assert.Contains("featurestore_feature_status_total{view=\"driver_stats\",status=\"MISSING\"} 2\n", countedText, StringComparison.Ordinal);
        Assert.Equal(2, counted.View("driver_stats").StatusCount(ServedStatus.Missing));
        Assert.DoesNotContain("method=\"GetOnlineFeatures\"", untouchedText, StringComparison.Ordinal);
        Assert.DoesNotContain("view=\"driver_stats\"", untouchedText, StringComparison.Ordinal);
    }

    private static async Task<string> ExpositionAsync(ServingMetrics metrics)
    {
        using var buffer = new MemoryStream();
        await metrics.WriteExpositionAsync(buffer, DateTimeOffset.UtcNow, CancellationToken.None);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static double ParseBound(string le) => le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture);

    private static async Task WaitForFreshnessAsync(ServingEnvironment env)
    {
        for (var i = 0; i < 50 && !(await ScrapeAsync(env)).ContainsKey("featurestore_view_freshness_seconds{view=\"driver_stats\"}"); i++)
        {
            await Task.Delay(100);
        }
    }

    internal static Task<Dictionary<string, double>> ScrapeAsync(ServingEnvironment env) => ScrapeAsync(env.Server.MetricsAddress!);

    internal static async Task<Dictionary<string, double>> ScrapeAsync(Uri metricsAddress)
    {
        var text = await Http.GetStringAsync(new Uri(metricsAddress, "/metrics"));
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
