using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace FeatureStore.Tests.Shared;

/// <summary>
/// A throwaway Prometheus server scraping one target every second, queried through its HTTP API; stopped and its
/// data deleted on dispose. Fails, never skips, when Prometheus is not installed.
/// </summary>
internal sealed class TestPrometheus : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private readonly string directory;
    private readonly Process process;

    private TestPrometheus(string directory, Process process, Uri address)
    {
        this.directory = directory;
        this.process = process;
        Address = address;
    }

    /// <summary>The Prometheus HTTP API root (http://127.0.0.1:port/).</summary>
    public Uri Address { get; }

    /// <summary>Starts Prometheus scraping <paramref name="target"/> (an http://host:port/ address) at /metrics every second.</summary>
    public static async Task<TestPrometheus> StartAsync(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var directory = Directory.CreateTempSubdirectory("fs-prometheus-").FullName;
        var config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: featurestore
                metrics_path: /metrics
                static_configs:
                  - targets: ['{target.Authority}']
            """);
        var port = TestServers.FreePort();
        var start = new ProcessStartInfo("prometheus")
        {
            ArgumentList =
            {
                $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory, "data")}",
                $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Directory.Delete(directory, recursive: true);
            throw new InvalidOperationException("prometheus is not installed: run deploy/install-test-deps.sh (Debian package prometheus)", e);
        }

        var log = Path.Combine(directory, "prometheus.log");
        _ = CopyToFileAsync(process.StandardError.BaseStream, log);
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        var prometheus = new TestPrometheus(directory, process, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await prometheus.WaitUntilReadyAsync(log);
        }
        catch
        {
            await prometheus.DisposeAsync();
            throw;
        }

        return prometheus;
    }

    /// <summary>Runs an instant PromQL query; returns each series' labels and value.</summary>
    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>> QueryAsync(string promql)
    {
        var reply = await Http.GetStringAsync(new Uri(Address, "api/v1/query?query=" + Uri.EscapeDataString(promql)));
        using var json = JsonDocument.Parse(reply);
        var data = json.RootElement.GetProperty("data");
        if (json.RootElement.GetProperty("status").GetString() != "success" || data.GetProperty("resultType").GetString() != "vector")
        {
            throw new InvalidOperationException($"Prometheus query {promql} did not return a vector: {reply}");
        }

        return data.GetProperty("result").EnumerateArray()
            .Select(series => (
                (IReadOnlyDictionary<string, string>)series.GetProperty("metric").EnumerateObject().ToDictionary(l => l.Name, l => l.Value.GetString()!),
                ParseValue(series.GetProperty("value")[1].GetString()!)))
            .ToList();
    }

    /// <summary>Polls <paramref name="promql"/> until it returns at least one series (scrapes land every second).</summary>
    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>> WaitForAsync(string promql, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var result = await QueryAsync(promql);
            if (result.Count > 0)
            {
                return result;
            }

            if (clock.Elapsed > timeout)
            {
                var targets = await Http.GetStringAsync(new Uri(Address, "api/v1/targets"));
                throw new TimeoutException($"Prometheus returned nothing for {promql} within {timeout.TotalSeconds} s; targets: {targets}");
            }

            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    private static double ParseValue(string value) => value switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(value, CultureInfo.InvariantCulture),
    };

    private static async Task CopyToFileAsync(Stream source, string path)
    {
        await using var file = File.Create(path);
        await source.CopyToAsync(file);
    }

    private async Task WaitUntilReadyAsync(string log)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var ready = await Http.GetAsync(new Uri(Address, "-/ready"));
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(15))
            {
                throw new InvalidOperationException($"prometheus did not become ready on {Address} within 15 s (see {log})");
            }

            await Task.Delay(100);
        }
    }
}
