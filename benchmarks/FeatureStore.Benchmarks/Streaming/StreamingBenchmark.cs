using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text;
using Confluent.Kafka;
using FeatureStore.Parquet;
using FeatureStore.Sdk;
using FeatureStore.Streaming;
using FeatureStore.Streaming.Kafka.Consuming;
using HdrHistogram;
using Prometheus;
using StackExchange.Redis;

namespace FeatureStore.Benchmarks.Streaming;

/// <summary>
/// <c>streaming [--rate 20000] [--duration 60] [--entities 100000] [--partitions 4] [--batch-ms W] [--offline-flush-rows R]
/// [--offline-flush-ms I] [--redis HOST:PORT]</c> (W, R, I default to the worker's own defaults): produces JSON events
/// open-loop at a fixed rate, keyed by entity, into a topic of <c>--partitions</c> partitions on librdkafka's mock cluster
/// (in this process) while the Kafka ingestion worker writes them into Redis and appends them to Parquet on its offline
/// cadence. Prints the sustained events/s, event-to-servable latency from the broker timestamp to the online write's
/// return (exact p50/p95/p99/p99.9/max of every event, and the p99 read from the ingestor's Prometheus histogram), the
/// loss check (accepted records and appended rows = events produced), the Parquet files written, this process's GC
/// and CPU, and a raw-Redis baseline: the same number of pipelined HSETs from C#. Starts a throwaway Redis with
/// deploy/redis.sh unless --redis is given.
/// </summary>
internal static class StreamingBenchmark
{
    public static int Run(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
            options[args[i]] = args[i + 1];
        int Int(string name, int fallback) => int.Parse(options.GetValueOrDefault(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var defaults = new KafkaIngestionOptions();
        var settings = new Settings(
            Int("--rate", 20_000), TimeSpan.FromSeconds(Int("--duration", 60)), Int("--entities", 100_000), Int("--partitions", 4),
            defaults with
            {
                BatchWindow = TimeSpan.FromMilliseconds(Int("--batch-ms", (int)defaults.BatchWindow.TotalMilliseconds)),
                OfflineFlushRows = Int("--offline-flush-rows", defaults.OfflineFlushRows),
                OfflineFlushInterval = TimeSpan.FromMilliseconds(Int("--offline-flush-ms", (int)defaults.OfflineFlushInterval.TotalMilliseconds)),
            });
        if (options.TryGetValue("--redis", out var redis))
            return RunAsync(settings, redis).GetAwaiter().GetResult();
        using var local = LocalRedis.Start();
        return RunAsync(settings, local.Address).GetAwaiter().GetResult();
    }

    private sealed record Settings(int Rate, TimeSpan Duration, int Entities, int Partitions, KafkaIngestionOptions Worker);

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
            MockTopics.Create(producer.Handle, topic, settings.Partitions);
            var created = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single(t => t.Topic == topic).Partitions.Count;
            if (created != settings.Partitions)
                throw new InvalidOperationException($"topic {topic} has {created} partitions, not {settings.Partitions}");
        }

        var dir = Directory.CreateTempSubdirectory("fs-streaming-bench-").FullName;
        var project = "bench" + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        StreamingBenchRepo.Write(dir, project, redis, bootstrap, topic);
        var worker = settings.Worker;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"streaming benchmark: {settings.Rate:N0} events/s for {settings.Duration.TotalSeconds:0} s over {settings.Entities:N0} entities, {settings.Partitions} partition(s), JSON via librdkafka's mock cluster into Redis {redis} + Parquet append; batch window {worker.BatchWindow.TotalMilliseconds:0} ms, offline flush at {worker.OfflineFlushRows:N0} rows or {worker.OfflineFlushInterval.TotalMilliseconds:0} ms; {Environment.ProcessorCount} cores, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, latency mode {GCSettings.LatencyMode}"));

        await using var session = await FeatureStoreSession.OpenAsync(dir);
        await session.ApplyAsync(session.LoadRepoDefinitions());
        var exact = new LongConcurrentHistogram(1, OpenLoopResult.HighestMicroseconds, 3);
        var metrics = new IngestionMetrics(Metrics.NewCustomRegistry())
        {
            LatencyObserver = latency => exact.RecordValue(Math.Clamp((long)latency.TotalMicroseconds, 1, OpenLoopResult.HighestMicroseconds)),
        };
        var ingestor = await session.OpenStreamIngestorAsync(new StreamIngestorOptions(Metrics: metrics));
        var definitions = (await session.ListAsync()).Definitions;
        var ingestion = new KafkaIngestionWorker(definitions, ingestor, worker with { Metrics = metrics, Reports = Console.Error });
        using var stop = new CancellationTokenSource();
        var run = ingestion.RunAsync(stop.Token);

        // One warm-up event per partition: the consumer has joined its group and owns the partitions once they are consumed.
        var produced = 0L;
        for (var partition = 0; partition < settings.Partitions; partition++)
            Produce(producer, topic, produced++, settings.Entities, partition);
        await WaitAsync(() => ingestion.Status.Read().Consumed >= produced, TimeSpan.FromSeconds(30), "the warm-up events");
        exact.Reset();
        var pausesSince = DateTime.UtcNow;
        var warmUp = produced;
        var start = RuntimeLoad.Now();
        var machineStart = MachineCpu.Now();

        var clock = Stopwatch.StartNew();
        var target = produced + (long)settings.Rate * (long)settings.Duration.TotalSeconds;
        while (produced < target)
        {
            var due = Math.Min(target, warmUp + (long)(settings.Rate * clock.Elapsed.TotalSeconds));
            while (produced < due)
                Produce(producer, topic, produced++, settings.Entities);
            Thread.Sleep(1);
        }

        var produceTime = clock.Elapsed;
        var consumedAtEnd = ingestion.Status.Read().Consumed;
        producer.Flush(TimeSpan.FromSeconds(30));
        await WaitAsync(() => ingestion.Status.Read().Consumed >= produced, TimeSpan.FromSeconds(120), $"all {produced:N0} events");
        var drainTime = clock.Elapsed - produceTime;
        var load = RuntimeLoad.Now() - start;
        var machineBusy = MachineCpu.BusyCores(machineStart, MachineCpu.Now());
        var pauses = RuntimeLoad.GcEvents.Since(pausesSince);
        var (pauseCount, longestPause) = (pauses.Count, pauses.Count == 0 ? TimeSpan.Zero : pauses.Max(p => p.End - p.Start));
        await stop.CancelAsync();
        await run;

        var status = ingestion.Status.Read();
        var (_, prometheusP99, observed) = await HistogramQuantiles.ReadAsync(metrics.Registry, "featurestore_ingest_event_to_servable_seconds");
        var files = Directory.EnumerateFiles(Path.Combine(dir, "data", "events"), "*.parquet", SearchOption.AllDirectories).ToList();
        var appended = files.Sum(f =>
        {
            using var reader = ParquetFileReader.Open(f);
            return reader.ReadAll().RowCount;
        });
        var baseline = await RawRedisAsync(redis, produced - warmUp, settings.Entities);

        var events = produced - warmUp;
        double Ms(double percentile) => exact.GetValueAtPercentile(percentile) / 1000.0;
        var sustained = events / (produceTime + drainTime).TotalSeconds;
        var intact = status.Accepted == produced && appended == produced && status.Committed == produced;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
              produced        {events:N0} events in {produceTime.TotalSeconds:0.0} s ({events / produceTime.TotalSeconds:N0}/s offered)
              consumed        {consumedAtEnd - warmUp:N0} by the end of producing; all within {drainTime.TotalSeconds:0.0} s more
              sustained       {sustained:N0} events/s (events / (produce + drain time))
              event→servable  p50 {Ms(50):0.0} ms, p95 {Ms(95):0.0} ms, p99 {Ms(99):0.0} ms, p99.9 {Ms(99.9):0.0} ms, max {exact.GetMaxValue() / 1000.0:0.0} ms ({exact.TotalCount:N0} events, exact); Prometheus histogram p99 {prometheusP99 * 1000:0.0} ms ({observed:N0} observations, bucket-interpolated)
              loss check      accepted {status.Accepted:N0}, dead-lettered {status.DeadLettered}, committed {status.Committed:N0}, Parquet rows {appended:N0} of {produced:N0} produced: {(intact ? "no loss, no duplicate" : "MISMATCH")}
              offline files   {files.Count} Parquet file(s), {(files.Count == 0 ? 0 : appended / files.Count):N0} rows each on average
              this process    cpu {load.Cpu.TotalSeconds:0.0} s ({load.Cpu.TotalSeconds / (produceTime + drainTime).TotalSeconds * 100:0} % of one core), gc {load.Gen0}/{load.Gen1}/{load.Gen2} (gen0/1/2), paused {load.Pauses.Pause.TotalMilliseconds:0} ms in all, longest pause {longestPause.TotalMilliseconds:0.0} ms ({pauseCount} pauses seen)
              machine         {(machineBusy is { } busy ? $"{busy:0} % of one core busy in all (this process, Redis and anything else; {Environment.ProcessorCount * 100} % = every core)" : "n/a")}
              raw Redis       {baseline:N0} HSET/s (same count, pipelined from C#: the store's ceiling; ingest above is bounded by --rate, raise it to find the worker's)
            """));
        Directory.Delete(dir, recursive: true);
        return intact ? 0 : 1;
    }

    /// <summary>Produces event <paramref name="sequence"/> keyed by its entity (one partition per entity), or to <paramref name="partition"/> when given.</summary>
    private static void Produce(IProducer<byte[]?, byte[]?> producer, string topic, long sequence, int entities, int? partition = null)
    {
        var entity = sequence % entities;
        var json = string.Create(CultureInfo.InvariantCulture,
            $"{{\"drv\": {entity}, \"ts\": {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}, \"conv_rate\": 0.5, \"trips\": {sequence}}}");
        var message = new Message<byte[]?, byte[]?> { Key = Encoding.UTF8.GetBytes(entity.ToString(CultureInfo.InvariantCulture)), Value = Encoding.UTF8.GetBytes(json) };
        while (true)
        {
            try
            {
                if (partition is { } p)
                    producer.Produce(new TopicPartition(topic, p), message);
                else
                    producer.Produce(topic, message);
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
