using FeatureStore.Cli.Sample;
using FeatureStore.Client;

namespace FeatureStore.Cli.Commands;

/// <summary>
/// The quickstart's serving step: call the running feature server with the C# client for two drivers through the
/// driver_ranking service, print values, statuses and ages, then the freshness gauges from /metrics.
/// </summary>
internal static class ServingQuickstart
{
    public static async Task RunAsync(QuickstartServer server, TextWriter output, CancellationToken ct)
    {
        var query = OnlineFeatureQuery.ForFeatureService("driver_ranking")
            .WithEntities("driver_id", SampleHistory.FirstDriverId, SampleHistory.FirstDriverId + 1);
        var result = await server.Client.GetOnlineFeaturesAsync(query, TimeSpan.FromSeconds(5), ct).ConfigureAwait(false);
        await output.WriteAsync(GetOnlineFeaturesCommand.Render(result)).ConfigureAwait(false);

        await output.WriteLineAsync("freshness (now minus the newest event time written, per view):").ConfigureAwait(false);
        foreach (var line in await FreshnessLinesAsync(server.MetricsAddress, ct).ConfigureAwait(false))
        {
            await output.WriteLineAsync($"  {line}").ConfigureAwait(false);
        }
    }

    // The gauge is refreshed in the background; poll briefly until it has been published.
    private static async Task<IReadOnlyList<string>> FreshnessLinesAsync(Uri metricsAddress, CancellationToken ct)
    {
        using var http = new HttpClient();
        var lines = new List<string>();
        for (var attempt = 0; attempt < 25 && lines.Count == 0; attempt++)
        {
            var text = await http.GetStringAsync(new Uri(metricsAddress, "/metrics"), ct).ConfigureAwait(false);
            lines = [.. text.Split('\n').Where(l => l.StartsWith("featurestore_view_freshness_seconds{", StringComparison.Ordinal))];
            if (lines.Count == 0)
            {
                await Task.Delay(200, ct).ConfigureAwait(false);
            }
        }
        return lines.Count == 0 ? ["(no freshness published yet)"] : lines;
    }
}
