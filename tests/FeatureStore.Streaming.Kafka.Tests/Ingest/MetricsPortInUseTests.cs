using System.Net;
using System.Net.Sockets;

namespace FeatureStore.Streaming.Kafka.Tests.Ingest;

public sealed class MetricsPortInUseTests
{
    [Fact]
    public async Task Ingest_whose_metrics_port_is_taken_fails_with_one_line_naming_the_port()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var repo = await KafkaRepo.CreateAsync("127.0.0.1:9");

        using var process = CliIngest.Start(repo.Dir, "--metrics-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(limit.Token);

        var lines = (await error).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEqual(0, process.ExitCode);
        Assert.True(lines.Length == 1, $"stderr:\n{await error}\nstdout:\n{await output}");
        Assert.StartsWith($"error: cannot serve metrics on 127.0.0.1:{port}: ", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("(use --metrics-port to pick another)", lines[0].TrimEnd(), StringComparison.Ordinal);
    }
}
