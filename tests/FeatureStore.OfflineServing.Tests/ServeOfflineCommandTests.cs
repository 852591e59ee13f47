using System.Text.RegularExpressions;
using FeatureStore.Cli;
using FeatureStore.Sdk.Flight;

namespace FeatureStore.OfflineServing.Tests;

/// <summary><c>featurestore serve-offline</c>: serves the repo's training sets until cancelled; bad options are one-line errors.</summary>
[Collection(RidesRepoCollection.Name)]
public sealed partial class ServeOfflineCommandTests(RidesRepo repo)
{
    [Fact]
    public async Task The_command_serves_the_repos_feature_services_until_cancelled()
    {
        using var printed = new StringWriter();
        var output = TextWriter.Synchronized(printed);
        using var error = new StringWriter();
        using var stop = new CancellationTokenSource();
        var run = CliApp.RunAsync(["serve-offline", "--repo", repo.Dir, "--port", "0", "--result-lifetime", "2m", "--max-results", "3"], output, error, stop.Token);

        var address = await AddressAsync(() => Text(output, printed), run);
        using (var client = new OfflineFlightClient(address))
        {
            Assert.Equal(["customer_risk", "driver_ranking"], (await client.ListFeatureServicesAsync()).Select(s => s.Name));
            using var result = await client.GetTrainingSetAsync(repo.Spine, OfflineFlightRequest.ForFeatures("driver_embedding:*"));
            Assert.Equal(repo.Spine.Length, result.RowCount);
        }

        await stop.CancelAsync();
        Assert.Equal(0, await run);
        Assert.Matches($"^serving training sets of project 'rides' over Arrow Flight on grpc\\+tcp://127\\.0\\.0\\.1:{address.Port} \\(C# clients: {Regex.Escape(address.ToString().TrimEnd('/'))}; Ctrl-C to stop\\)\\r?\\nstopping", printed.ToString());
        Assert.Equal(string.Empty, error.ToString());
    }

    [Theory]
    [InlineData("--result-lifetime", "soon", "error: --result-lifetime 'soon' is not a duration: use 90s, 15m, 2h, 2d, 1w, a combination like 1d12h, or an ISO-8601 duration like P2D or PT12H")]
    [InlineData("--host", "localhost", "error: host 'localhost' is not an IP address (use 127.0.0.1, 0.0.0.0 or ::)")]
    [InlineData("--max-results", "0", "error: at least one result must be kept; got a maximum of 0")]
    public async Task Bad_options_are_one_line_errors(string option, string value, string message)
    {
        var (exit, _, error) = await RidesRepo.RunCliAsync("serve-offline", "--repo", repo.Dir, "--port", "0", option, value);

        Assert.Equal((1, message), (exit, error.Trim()));
    }

    /// <summary>What was printed so far; the synchronized writer locks on itself while it writes.</summary>
    private static string Text(TextWriter synchronized, StringWriter printed)
    {
        lock (synchronized)
        {
            return printed.ToString();
        }
    }

    private static async Task<Uri> AddressAsync(Func<string> output, Task<int> run)
    {
        for (var waited = 0; waited < 200; waited++)
        {
            if (ClientAddress().Match(output()) is { Success: true } match)
            {
                return new Uri(match.Groups[1].Value);
            }

            Assert.False(run.IsCompleted, $"serve-offline ended early: {output()}");
            await Task.Delay(50);
        }

        Assert.Fail($"serve-offline printed no address within 10 s: {output()}");
        return null!;
    }

    [GeneratedRegex(@"C# clients: (http://[0-9.]+:[0-9]+)")]
    private static partial Regex ClientAddress();
}
