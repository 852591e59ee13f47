using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using FeatureStore.Parquet;
using FeatureStore.Sdk;
using FeatureStore.Streaming;
using FeatureStore.Streaming.Kafka.Consuming;
using Prometheus;
using StackExchange.Redis;

namespace FeatureStore.Benchmarks.Streaming;

/// <summary>
/// <c>streaming [--rate 20000] [--duration 60] [--entities 100000] [--batch-ms 20] [--redis HOST:PORT]</c>: produces JSON
/// events open-loop at a fixed rate into librdkafka's mock cluster (in this process) while the Kafka ingestion worker
/// writes them into Redis and appends them to Parquet; prints the sustained events/s, event-to-servable p50/p99 (the
/// ingestor's histogram, from the broker timestamp to the online write's return, interpolated within its buckets), a
/// loss check (accepted records and appended rows = events produced), and a raw-Redis baseline: the same number of
/// pipelined HSETs from C#. Starts a throwaway Redis with deploy/redis.sh unless --redis is given.
/// </summary>
internal static class StreamingBenchmark
{
    public static int Run(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
            options[args[i]] = args[i + 1];
        int Int(string name, int fallback) => int.Parse(options.GetValueOrDefault(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var settings = new Settings(Int("--rate", 20_000), TimeSpan.FromSeconds(Int("--duration", 60)), Int("--entities", 100_000), TimeSpan.FromMilliseconds(Int("--batch-ms", 20)));
        if (options.TryGetValue("--redis", out var redis))
            return RunAsync(settings, redis).GetAwaiter().GetResult();
        using var local = LocalRedis.Start();
        return RunAsync(settings, local.Address).GetAwaiter().GetResult();
    }

    private sealed record Settings(int Rate, TimeSpan Duration, int Entities, TimeSpan BatchWindow);

    private static async Task<int> RunAsync(Settings settings, string redis)
    {
        var producerConfig = new ProducerConfig { BootstrapServers = "", LingerMs = 5, QueueBufferingMaxMessages = 1_000_000 };
        producerConfig.Set("test.mock.num.brokers", "1");
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(producerConfig).SetLogHandler((_, _) => { }).Build();
        string bootstrap;
        var topic = "bench-" + Guid.NewGuid().ToString("N")[..8];
        using (var admin = new DependentAdminClientBuilder(producer.Handle).Build())
        {
            bootstrap = string.Join(",", admin.GetMetadata(TimeSpan.FromSeconds(10)).Brokers.Select(b => $"{b.Host}:{b.Port}"));
            admin.GetMetadata(topic, TimeSpan.FromSeconds(10));
        }

        var dir = Directory.CreateTempSubdirectory("fs-streaming-bench-").FullName;
        var project = "bench" + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        StreamingBenchRepo.Write(dir, project, redis, bootstrap, topic);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"streaming benchmark: {settings.Rate:N0} events/s for {settings.Duration.TotalSeconds:0} s over {settings.Entities:N0} entities, JSON via librdkafka's mock cluster into Redis {redis} + Parquet append, batch window {settings.BatchWindow.TotalMilliseconds:0} ms, {Environment.ProcessorCount} cores"));

        await using var session = await FeatureStoreSession.OpenAsync(dir);
        await session.ApplyAsync(session.LoadRepoDefinitions());
        var metrics = new IngestionMetrics(Metrics.NewCustomRegistry());
        var ingestor = await session.OpenStreamIngestorAsync(new StreamIngestorOptions(Metrics: metrics));
        var definitions = (await session.ListAsync()).Definitions;
        var worker = new KafkaIngestionWorker(definitions, ingestor, new KafkaIngestionOptions { BatchWindow = settings.BatchWindow, Metrics = metrics, Reports = Console.Error });
        using var stop = new CancellationTokenSource();
        var run = worker.RunAsync(stop.Token);

        // One warm-up event: the consumer has joined its group and owns the partitions once it is consumed.
        var produced = 0L;
        Produce(producer, topic, produced++, settings.Entities);
        await WaitAsync(() => worker.Status.Read().Consumed >= produced, TimeSpan.FromSeconds(30), "the warm-up event");

        var clock = Stopwatch.StartNew();
        var target = produced + (long)settings.Rate * (long)settings.Duration.TotalSeconds;
        while (produced < target)
        {
            var due = Math.Min(target, 1 + (long)(settings.Rate * clock.Elapsed.TotalSeconds));
            while (produced < due)
                Produce(producer, topic, produced++, settings.Entities);
            Thread.Sleep(1);
        }

        var produceTime = clock.Elapsed;
        var consumedAtEnd = worker.Status.Read().Consumed;
        producer.Flush(TimeSpan.FromSeconds(30));
        await WaitAsync(() => worker.Status.Read().Consumed >= produced, TimeSpan.FromSeconds(120), $"all {produced:N0} events");
        var drainTime = clock.Elapsed - produceTime;
        await stop.CancelAsync();
        await run;

        var status = worker.Status.Read();
        var (p50, p99, observed) = await HistogramQuantiles.ReadAsync(metrics.Registry, "featurestore_ingest_event_to_servable_seconds");
        var appended = Directory.EnumerateFiles(Path.Combine(dir, "data", "events"), "*.parquet", SearchOption.AllDirectories).Sum(f =>
        {
            using var reader = ParquetFileReader.Open(f);
            return reader.ReadAll().RowCount;
        });
        var baseline = await RawRedisAsync(redis, produced - 1, settings.Entities);

        var sustained = (produced - 1) / (produceTime + drainTime).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
              produced        {produced - 1:N0} events in {produceTime.TotalSeconds:0.0} s ({(produced - 1) / produceTime.TotalSeconds:N0}/s offered)
              consumed        {consumedAtEnd - 1:N0} by the end of producing; all within {drainTime.TotalSeconds:0.0} s more
              sustained       {sustained:N0} events/s (events / (produce + drain time))
              event→servable  p50 {p50 * 1000:0.0} ms, p99 {p99 * 1000:0.0} ms ({observed:N0} observations, bucket-interpolated)
              loss check      accepted {status.Accepted:N0}, dead-lettered {status.DeadLettered}, Parquet rows {appended:N0} of {produced:N0} produced: {(status.Accepted == produced && appended == produced ? "no loss, no duplicate" : "MISMATCH")}
              raw Redis       {baseline:N0} HSET/s (same count, pipelined from C#: the store's ceiling; ingest above is bounded by --rate, raise it to find the worker's)
            """));
        Directory.Delete(dir, recursive: true);
        return status.Accepted == produced && appended == produced ? 0 : 1;
    }

    private static void Produce(IProducer<byte[]?, byte[]?> producer, string topic, long sequence, int entities)
    {
        var json = string.Create(CultureInfo.InvariantCulture,
            $"{{\"drv\": {sequence % entities}, \"ts\": {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}, \"conv_rate\": 0.5, \"trips\": {sequence}}}");
        while (true)
        {
            try
            {
                producer.Produce(topic, new Message<byte[]?, byte[]?> { Value = Encoding.UTF8.GetBytes(json) });
                return;
            }
            catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(10));
            }
        }
    }

    private static async Task WaitAsync(Func<bool> done, TimeSpan limit, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            if (clock.Elapsed > limit)
                throw new TimeoutException($"{what} not ingested within {limit.TotalSeconds:0} s");
            await Task.Delay(20);
        }
    }

    /// <summary>The same number of writes as raw HSETs (two fields, like the view), pipelined 5,000 at a time.</summary>
    private static async Task<double> RawRedisAsync(string redis, long writes, int entities)
    {
        using var connection = await ConnectionMultiplexer.ConnectAsync($"{redis},allowAdmin=true");
        var db = connection.GetDatabase();
        var clock = Stopwatch.StartNew();
        for (long start = 0; start < writes; start += 5000)
        {
            var batch = new List<Task>(5000);
            for (var i = start; i < Math.Min(writes, start + 5000); i++)
                batch.Add(db.HashSetAsync($"bench-raw:{i % entities}", [new HashEntry("conv_rate", 0.5), new HashEntry("trips", i)]));
            await Task.WhenAll(batch);
        }

        var rate = writes / clock.Elapsed.TotalSeconds;
        await LocalRedis.DeleteKeysAsync(connection.GetServer(connection.GetEndPoints()[0]), db, "bench-raw:*");
        return rate;
    }
}
