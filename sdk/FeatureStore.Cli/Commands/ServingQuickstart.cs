using FeatureStore.Cli.Sample;
using FeatureStore.Client;
using FeatureStore.Online;
using FeatureStore.Registry.Storage;
using FeatureStore.Serving.Hosting;

namespace FeatureStore.Cli.Commands;

/// <summary>
/// The quickstart's serving step: start the gRPC feature server on the sample repo's embedded stores (a free
/// 127.0.0.1 port), call it with the C# client for two drivers through the driver_ranking service, print values,
/// statuses and ages, then the freshness gauges from /metrics, and stop the server.
/// </summary>
internal static class ServingQuickstart
{
    public static async Task RunAsync(string repoDir, TextWriter output, CancellationToken ct)
    {
        var settings = RepoServingSettings.Read(repoDir);
        await using var registry = RegistryStoreFactory.Open(settings.Registry, repoDir);
        await using var online = OnlineStoreFactory.Open(settings.OnlineStore, repoDir);
        var options = new FeatureServerOptions { Project = settings.Project, Port = 0, MetricsPort = 0, FreshnessInterval = TimeSpan.FromMilliseconds(200) };
        await using var server = await FeatureServer.StartAsync(options, registry, online, cancellationToken: ct).ConfigureAwait(false);
        await output.WriteLineAsync($"server listening on {server.Address}").ConfigureAwait(false);

        using var client = new FeatureServingClient(server.Address);
        var query = OnlineFeatureQuery.ForFeatureService("driver_ranking")
            .WithEntities("driver_id", SampleHistory.FirstDriverId, SampleHistory.FirstDriverId + 1);
        var result = await client.GetOnlineFeaturesAsync(query, TimeSpan.FromSeconds(5), ct).ConfigureAwait(false);
        await output.WriteAsync(GetOnlineFeaturesCommand.Render(result)).ConfigureAwait(false);

        await output.WriteLineAsync("freshness (now minus the newest event time written, per view):").ConfigureAwait(false);
        foreach (var line in await FreshnessLinesAsync(server.MetricsAddress!, ct).ConfigureAwait(false))
        {
            await output.WriteLineAsync($"  {line}").ConfigureAwait(false);
        }
        await output.WriteLineAsync("stopping the server").ConfigureAwait(false);
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
