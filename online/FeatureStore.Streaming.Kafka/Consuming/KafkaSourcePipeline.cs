using System.Diagnostics;
using Confluent.Kafka;
using FeatureStore.Streaming.Kafka.Decoding;

namespace FeatureStore.Streaming.Kafka.Consuming;

/// <summary>
/// Ingests one Kafka-streamed source: consume a micro-batch → decode → ingest (validate, write online, append offline) →
/// dead-letter the failures → commit the offsets. Each stage is its own class, so a transform or aggregation stage can
/// slot in between decode and ingest. Offsets are committed only after the ingestor returned and the dead letters were
/// acknowledged: delivery is at least once, and the writes are idempotent.
/// </summary>
internal sealed class KafkaSourcePipeline : IDisposable
{
    private static readonly TimeSpan LagInterval = TimeSpan.FromSeconds(1);

    private readonly KafkaSource source;
    private readonly KafkaIngestionOptions options;
    private readonly IngestionStatus status;
    private readonly Reporter reporter;
    private readonly IConsumer<byte[]?, byte[]?> consumer;
    private readonly IProducer<byte[]?, byte[]?> producer;
    private readonly ConsumerLagTracker lag;
    private readonly MicroBatchCollector collector;
    private readonly DecodeStage decode;
    private readonly IngestStage ingest;
    private readonly DeadLetterStage deadLetters;
    private readonly CommitStage commit;

    public KafkaSourcePipeline(KafkaSource source, IRecordDecoder decoder, StreamIngestor ingestor, KafkaIngestionOptions options, IngestionStatus status)
    {
        this.source = source;
        this.options = options;
        this.status = status;
        reporter = new Reporter(options.Reports, source.Name) { Muted = true };
        ConsumerLagTracker? tracker = null;
        consumer = KafkaClients.Consumer(source, reporter, partitions => tracker?.Forget(partitions));
        lag = tracker = new ConsumerLagTracker(consumer, status, options.Metrics);
        producer = KafkaClients.DeadLetterProducer(source, reporter);
        collector = new MicroBatchCollector(consumer, options.BatchSize, options.BatchWindow, reporter);
        decode = new DecodeStage(decoder);
        ingest = new IngestStage(ingestor, source, reporter, options.MaxBackoff);
        deadLetters = new DeadLetterStage(producer, source, reporter, options.MaxBackoff, options.Metrics);
        commit = new CommitStage(consumer, reporter, options.MaxBackoff);
    }

    /// <summary>Asks the brokers for metadata; throws a one-line <see cref="KafkaIngestionException"/> naming them when none answers in time.</summary>
    public void CheckReachable(TimeSpan timeout)
    {
        Metadata metadata;
        reporter.Muted = true;
        try
        {
            using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
            metadata = admin.GetMetadata(timeout);
        }
        catch (KafkaException e)
        {
            throw new KafkaIngestionException(
                $"cannot reach Kafka at {source.Stream.BootstrapServers} (data source '{source.Name}', topic '{source.Stream.Topic}') within {timeout.TotalSeconds:0.#} s: {Retry.OneLine(e.Error.Reason)}", e);
        }

        if (!metadata.Topics.Any(t => t.Topic == source.Stream.Topic && t.Error.Code == ErrorCode.NoError))
        {
            reporter.Info($"topic '{source.Stream.Topic}' does not exist yet at {source.Stream.BootstrapServers}; waiting for it");
        }

        reporter.Muted = false;
    }

    public async Task RunAsync(CancellationToken stop)
    {
        consumer.Subscribe(source.Stream.Topic);
        var sinceLag = Stopwatch.StartNew();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var batch = collector.Collect(stop);
                if (batch.Messages.Count > 0)
                {
                    reporter.Recovered();
                    await ProcessAsync(batch, stop).ConfigureAwait(false);
                }

                if (batch.Messages.Count > 0 || sinceLag.Elapsed >= LagInterval)
                {
                    lag.Update();
                    sinceLag.Restart();
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped while retrying: that batch is not committed and is read again by the next run.
        }
    }

    private async Task ProcessAsync(MicroBatch batch, CancellationToken stop)
    {
        var (records, failed) = decode.Decode(batch);
        var messages = batch.Messages.ToDictionary(DecodeStage.PositionOf);
        var (result, rejected) = await ingest.IngestAsync(records, messages, stop).ConfigureAwait(false);
        failed.AddRange(rejected);
        await deadLetters.SendAsync(failed, stop).ConfigureAwait(false);
        await commit.CommitAsync(batch, stop).ConfigureAwait(false);
        status.AddBatch(batch.Messages.Count, result?.Accepted ?? 0, result?.Late ?? 0, failed.Count);
    }

    public void Dispose()
    {
        try
        {
            consumer.Close();
        }
        catch (KafkaException)
        {
            // Leaving the group is a courtesy; the broker drops the member after the session timeout anyway.
        }

        consumer.Dispose();
        producer.Flush(TimeSpan.FromSeconds(5));
        producer.Dispose();
    }
}
