using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FeatureStore.Streaming.Kafka.Tests.Ingest;

public sealed class BrokerUnreachableTests
{
    [Fact]
    public async Task Ingest_with_no_broker_answering_fails_fast_with_one_line_naming_the_bootstrap_servers()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var deadPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var bootstrap = $"127.0.0.1:{deadPort}";
        using var repo = await KafkaRepo.CreateAsync(bootstrap);

        var clock = Stopwatch.StartNew();
        using var process = CliIngest.Start(repo.Dir);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(limit.Token);
        clock.Stop();

        var lines = (await error).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEqual(0, process.ExitCode);
        Assert.True(lines.Length == 1, $"stderr:\n{await error}\nstdout:\n{await output}");
        Assert.StartsWith("error: cannot reach Kafka at " + bootstrap, lines[0], StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(12), $"took {clock.Elapsed}");
    }
}
