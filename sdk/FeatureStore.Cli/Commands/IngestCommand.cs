using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using FeatureStore.Sdk;
using FeatureStore.Streaming;
using FeatureStore.Streaming.Kafka.Consuming;
using FeatureStore.Serving.Hosting;
using Prometheus;

namespace FeatureStore.Cli.Commands;

/// <summary>
/// <c>ingest</c>: reads the project's Kafka-streamed data sources into the online store and their Parquet history until
/// Ctrl-C / SIGTERM (the batch in hand is finished, every buffer appended offline and committed), with a status line
/// every few seconds.
/// </summary>
internal static class IngestCommand
{
    private static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(5);

    public static Command Create()
    {
        var views = new Option<string?>("--views") { Description = "Comma-separated feature views: ingest only their Kafka sources and write only them online (default: every online view of every Kafka source)" };
        var metricsPort = new Option<int?>("--metrics-port") { Description = "Serve Prometheus metrics on http://127.0.0.1:PORT/metrics (off when absent)" };
        var batchSize = new Option<int>("--batch-size") { Description = "Most records per micro-batch", DefaultValueFactory = _ => new KafkaIngestionOptions().BatchSize };
        var batchMs = new Option<int>("--batch-ms") { Description = "Longest wait, in milliseconds, for a micro-batch to fill after its first record", DefaultValueFactory = _ => (int)new KafkaIngestionOptions().BatchWindow.TotalMilliseconds };
        var flushRows = new Option<int>("--offline-flush-rows") { Description = "Append a partition's records to the Parquet history once this many wait", DefaultValueFactory = _ => new KafkaIngestionOptions().OfflineFlushRows };
        var flushMs = new Option<int>("--offline-flush-ms") { Description = "Append a partition's records to the Parquet history once the oldest has waited this many milliseconds", DefaultValueFactory = _ => (int)new KafkaIngestionOptions().OfflineFlushInterval.TotalMilliseconds };
        var command = new Command("ingest", "Ingest Kafka-streamed data sources into the online store and their Parquet history until Ctrl-C")
        {
            views, metricsPort, batchSize, batchMs, flushRows, flushMs,
        };
        command.SetAction(async (parse, ct) =>
        {
            var selected = parse.GetValue(views)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parse.GetValue(batchSize) < 1 || parse.GetValue(batchMs) < 1)
            {
                throw new CliUserException("--batch-size and --batch-ms must be at least 1");
            }

            if (parse.GetValue(flushRows) < 1 || parse.GetValue(flushMs) < 1)
            {
                throw new CliUserException("--offline-flush-rows and --offline-flush-ms must be at least 1");
            }

            var metrics = new IngestionMetrics(Metrics.NewCustomRegistry());
            var options = new KafkaIngestionOptions
            {
                Views = selected is { Length: > 0 } ? selected : null,
                BatchSize = parse.GetValue(batchSize),
                BatchWindow = TimeSpan.FromMilliseconds(parse.GetValue(batchMs)),
                OfflineFlushRows = parse.GetValue(flushRows),
                OfflineFlushInterval = TimeSpan.FromMilliseconds(parse.GetValue(flushMs)),
                Metrics = metrics,
                Reports = parse.InvocationConfiguration.Error,
            };
            await RunAsync(parse.RepoDir(), options, parse.GetValue(metricsPort), parse.Out(), ct).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static async Task RunAsync(string repoDir, KafkaIngestionOptions options, int? metricsPort, TextWriter output, CancellationToken ct)
    {
        var session = await FeatureStoreSession.OpenAsync(repoDir, ct).ConfigureAwait(false);
        await using (session.ConfigureAwait(false))
        {
            var definitions = (await session.ListAsync(ct).ConfigureAwait(false)).Definitions;
            var ingestor = await session.OpenStreamIngestorAsync(new StreamIngestorOptions(Metrics: options.Metrics), ct).ConfigureAwait(false);
            var worker = Wrap(() => new KafkaIngestionWorker(definitions, ingestor, options));
            var metricsEndpoint = metricsPort is { } port ? await StartMetricsAsync(port, options.Metrics!, ct).ConfigureAwait(false) : null;
            try
            {
                await IngestAsync(worker, metricsEndpoint?.Address, output, ct).ConfigureAwait(false);
            }
            finally
            {
                if (metricsEndpoint is not null)
                {
                    await metricsEndpoint.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
    }

    private static async Task IngestAsync(KafkaIngestionWorker worker, Uri? metricsAddress, TextWriter output, CancellationToken ct)
    {
        foreach (var line in worker.Describe())
        {
            await output.WriteLineAsync($"ingesting {line}").ConfigureAwait(false);
        }

        if (metricsAddress is not null)
        {
            await output.WriteLineAsync($"metrics on {metricsAddress}metrics").ConfigureAwait(false);
        }

        await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        using var statusStop = new CancellationTokenSource();
        var statusLoop = PrintStatusAsync(worker.Status, output, statusStop.Token);
        try
        {
            await worker.RunAsync(ct).ConfigureAwait(false);
        }
        catch (KafkaIngestionException e)
        {
            throw new CliUserException(e.Message);
        }
        finally
        {
            await statusStop.CancelAsync().ConfigureAwait(false);
            await statusLoop.ConfigureAwait(false);
        }

        var total = worker.Status.Read();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"stopped: {total.Consumed} records consumed, {total.Accepted} accepted, {total.Late} late, {total.DeadLettered} dead-lettered")).ConfigureAwait(false);
        await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private static async Task PrintStatusAsync(IngestionStatus status, TextWriter output, CancellationToken stop)
    {
        var previous = status.Read();
        var clock = Stopwatch.StartNew();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(StatusInterval, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var now = status.Read();
            var rate = (now.Consumed - previous.Consumed) / clock.Elapsed.TotalSeconds;
            clock.Restart();
            previous = now;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{DateTimeOffset.UtcNow:HH:mm:ss} {rate:0} records/s, {now.Consumed} consumed, {now.Late} late, {now.DeadLettered} dead-lettered, {now.Buffered} awaiting offline append, lag {now.Lag}")).ConfigureAwait(false);
            await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task<MetricsEndpoint> StartMetricsAsync(int port, IngestionMetrics metrics, CancellationToken ct)
    {
        try
        {
            return await MetricsEndpoint.StartAsync(
                "127.0.0.1", port, (body, cancel) => metrics.Registry.CollectAndExportAsTextAsync(body, cancel), cancellationToken: ct).ConfigureAwait(false);
        }
        catch (FeatureServerException e)
        {
            throw new CliUserException(e.Message);
        }
    }

    private static T Wrap<T>(Func<T> create)
    {
        try
        {
            return create();
        }
        catch (KafkaIngestionException e)
        {
            throw new CliUserException(e.Message);
        }
    }
}
