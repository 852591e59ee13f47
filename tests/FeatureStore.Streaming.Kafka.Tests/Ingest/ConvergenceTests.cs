using System.Diagnostics;
using System.Globalization;
using System.Text;
using FeatureStore.Client;
using FeatureStore.Sdk;
using FeatureStore.Streaming.Kafka.Tests.Kafka;

namespace FeatureStore.Streaming.Kafka.Tests.Ingest;

/// <summary>
/// At-least-once delivery plus idempotent writes: <c>featurestore ingest</c> SIGKILLed at random points of a 100k-event
/// run, each time with records served online but still in its offline buffer, and restarted ends with exactly the online
/// state and offline rows of an uninterrupted run of the same topic (which runs with the default offline cadence).
/// </summary>
public sealed class ConvergenceTests
{
    private const int Drivers = 1000;
    private const int UpdatesPerDriver = 100;
    private const int Events = Drivers * UpdatesPerDriver;
    private static readonly DateTimeOffset T0 = new(2026, 11, 5, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_run_killed_at_random_points_and_restarted_converges_to_the_uninterrupted_run()
    {
        using var cluster = KafkaMockCluster.Start();
        var topic = "conv-" + Guid.NewGuid().ToString("N")[..8];
        var partitions = cluster.EnsureTopic(topic);
        var random = new Random(1234);
        await cluster.ProduceAsync(topic, EventsInArrivalOrder(random));
        using var steady = await KafkaRepo.CreateAsync(cluster.BootstrapServers, topic, "steady-" + topic);
        using var killed = await KafkaRepo.CreateAsync(cluster.BootstrapServers, topic, "killed-" + topic);

        var steadyRun = RunUntilDoneAsync(cluster, steady, partitions, checkMetrics: true);
        var kills = new List<long>();
        foreach (var share in new[] { random.Next(5, 30), random.Next(35, 60), random.Next(65, 90) })
        {
            var metricsPort = FreePort();
            using var process = CliIngest.Start(killed.Dir, "--batch-size", "2000", "--offline-flush-rows", "2000", "--offline-flush-ms", "1000",
                "--metrics-port", metricsPort.ToString(CultureInfo.InvariantCulture));
            var errors = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            var target = Events * share / 100;
            var clock = Stopwatch.StartNew();
            long committed;
            while ((committed = cluster.Committed(killed.Group, topic, partitions)) < target)
            {
                Assert.False(process.HasExited, $"ingest exited early ({(process.HasExited ? process.ExitCode : 0)}): {(process.HasExited ? await errors : "")}");
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"committed {committed} of {target} within 60 s");
                await Task.Delay(20);
            }

            await Task.Delay(random.Next(0, 150));
            // Mid-buffer: some records are served online but not yet appended offline, so their offsets are not committed.
            await WaitBufferedAsync(metricsPort, process, errors);
            process.Kill();
            await process.WaitForExitAsync();
            kills.Add(cluster.Committed(killed.Group, topic, partitions));
        }

        Assert.All(kills, k => Assert.InRange(k, 1, Events - 1));
        await RunUntilDoneAsync(cluster, killed, partitions);
        await steadyRun;

        var steadyRows = steady.AppendedTrips();
        var killedRows = killed.AppendedTrips();
        Assert.Equal(Events, steadyRows.Count);
        Assert.Equal(Events, steadyRows.Distinct().Count());
        Assert.Equal(steadyRows, killedRows);
        Assert.Equal(await OnlineStateAsync(steady), await OnlineStateAsync(killed));
    }

    /// <summary>Each driver's updates carry distinct event times; a tenth of neighbouring messages swap places, so some arrive late.</summary>
    private static List<(byte[]? Key, byte[] Value)> EventsInArrivalOrder(Random random)
    {
        var events = new List<(byte[]?, byte[])>(Events);
        for (var update = 0; update < UpdatesPerDriver; update++)
        {
            for (var driver = 0; driver < Drivers; driver++)
            {
                var ts = T0.AddSeconds(update * 10 + driver % 7).ToUnixTimeMilliseconds();
                var json = string.Create(CultureInfo.InvariantCulture,
                    $"{{\"drv\": {driver}, \"ts\": {ts}, \"conv_rate\": {(update * 7 + driver) % 100 / 100.0}, \"trips\": {update}}}");
                events.Add((Encoding.UTF8.GetBytes(driver.ToString(CultureInfo.InvariantCulture)), Encoding.UTF8.GetBytes(json)));
            }
        }

        for (var i = 0; i + Drivers < events.Count; i += 10)
        {
            var j = i + Drivers;
            if (random.Next(2) == 0)
            {
                (events[i], events[j]) = (events[j], events[i]);
            }
        }

        return events;
    }

    /// <summary>Runs ingest until the group has committed every event, then stops it with SIGTERM (a graceful stop).</summary>
    private static async Task RunUntilDoneAsync(KafkaMockCluster cluster, KafkaRepo repo, int partitions, bool checkMetrics = false)
    {
        var metricsPort = FreePort();
        using var process = checkMetrics
            ? CliIngest.Start(repo.Dir, "--batch-size", "2000", "--metrics-port", metricsPort.ToString(CultureInfo.InvariantCulture))
            : CliIngest.Start(repo.Dir, "--batch-size", "2000");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        long committed;
        while ((committed = cluster.Committed(repo.Group, repo.Topic, partitions)) < Events)
        {
            Assert.False(process.HasExited, $"ingest exited early: {(process.HasExited ? await errors : "")}");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"committed {committed} of {Events} within 90 s");
            await Task.Delay(100);
        }

        if (checkMetrics)
        {
            // Every event consumed: each partition's lag gauge reads 0 once the worker's next lag update ran.
            using var http = new HttpClient();
            var deadline = DateTime.UtcNow.AddSeconds(10);
            string exposition;
            while (!AllLagZero(exposition = await http.GetStringAsync($"http://127.0.0.1:{metricsPort}/metrics"), repo.Topic, partitions))
            {
                Assert.True(DateTime.UtcNow < deadline, $"consumer lag not 0 on every partition:\n{exposition}");
                await Task.Delay(200);
            }
        }

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(limit.Token);
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await errors}");
        Assert.Contains("stopped: ", await output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Polls the worker's <c>featurestore_ingest_offline_buffered_rows</c> for driver_trips until it is above 0 (the
    /// metrics endpoint may not listen yet when an earlier run already reached the commit target).
    /// </summary>
    private static async Task WaitBufferedAsync(int metricsPort, Process process, Task<string> errors)
    {
        const string Series = "featurestore_ingest_offline_buffered_rows{source=\"driver_trips\"} ";
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                var line = (await http.GetStringAsync($"http://127.0.0.1:{metricsPort}/metrics")).Split('\n').FirstOrDefault(l => l.StartsWith(Series, StringComparison.Ordinal));
                if (line is not null && double.Parse(line[Series.Length..], CultureInfo.InvariantCulture) > 0)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Assert.False(process.HasExited, $"ingest exited before a kill ({(process.HasExited ? process.ExitCode : 0)}): {(process.HasExited ? await errors : "")}");
            Assert.True(DateTime.UtcNow < deadline, "the worker never held records awaiting their offline append within 30 s");
            await Task.Delay(10);
        }
    }

    private static bool AllLagZero(string exposition, string topic, int partitions) =>
        Enumerable.Range(0, partitions).All(p => exposition.Contains($"featurestore_ingest_consumer_lag{{topic=\"{topic}\",partition=\"{p}\"}} 0\n", StringComparison.Ordinal));

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task<List<string>> OnlineStateAsync(KafkaRepo repo)
    {
        await using var session = await FeatureStoreSession.OpenAsync(repo.Dir);
        var drivers = Enumerable.Range(0, Drivers).Select(d => (long)d).ToArray();
        var table = await session.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures("driver_live:trips", "driver_live:conv_rate").WithEntities("driver_id", drivers));
        return [.. Enumerable.Range(0, Drivers).Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{drivers[r]} {table.GetInt64(r, "trips")} {table.GetDouble(r, "conv_rate")} {table.GetEventTimestamp(r, "trips"):O}"))];
    }
}
