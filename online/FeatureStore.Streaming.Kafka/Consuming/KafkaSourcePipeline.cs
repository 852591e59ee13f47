using System.Diagnostics;
using Confluent.Kafka;
using FeatureStore.Streaming.Kafka.Decoding;

namespace FeatureStore.Streaming.Kafka.Consuming;

/// <summary>
/// Ingests one Kafka-streamed source on two cadences. The consume loop, per micro-batch: consume → decode → write online
/// (validate, event-time guard) → start the dead letters' delivery → buffer the accepted records per partition. The
/// offline cadence (<see cref="OfflineAppendStage"/>) appends a partition's buffer as one Parquet file off the loop when
/// it is due, and its offsets are committed when that append and the dead letters' delivery are done. Each stage is its
/// own class, so a transform or aggregation stage can slot in between decode and the online write. Delivery is at least
/// once and the writes are idempotent.
/// </summary>
internal sealed class KafkaSourcePipeline : IDisposable
{
    private static readonly TimeSpan LagInterval = TimeSpan.FromSeconds(1);

    private readonly KafkaSource source;
    private readonly StreamIngestor ingestor;
    private readonly IngestionStatus status;
    private readonly Reporter reporter;
    private readonly IConsumer<byte[]?, byte[]?> consumer;
    private readonly IProducer<byte[]?, byte[]?> producer;
    private readonly ConsumerLagTracker lag;
    private readonly MicroBatchCollector collector;
    private readonly DecodeStage decode;
    private readonly OnlineWriteStage online;
    private readonly DeadLetterStage deadLetters;
    private readonly OfflineAppendStage offline;
    private readonly CommitStage commit;
    private CancellationToken stopToken;
    private bool running;

    /// <param name="appendGate">Shared by the worker's pipelines: one offline append at a time.</param>
    public KafkaSourcePipeline(
        KafkaSource source, IRecordDecoder decoder, StreamIngestor ingestor, KafkaIngestionOptions options, IngestionStatus status, SemaphoreSlim appendGate)
    {
        this.source = source;
        this.ingestor = ingestor;
        this.status = status;
        reporter = new Reporter(options.Reports, source.Name) { Muted = true };
        consumer = KafkaClients.Consumer(source, reporter, OnAssigned, OnRevoked, OnLost);
        lag = new ConsumerLagTracker(consumer, status, options.Metrics);
        producer = KafkaClients.DeadLetterProducer(source, reporter);
        collector = new MicroBatchCollector(consumer, options.BatchSize, options.BatchWindow, reporter);
        decode = new DecodeStage(decoder);
        online = new OnlineWriteStage(ingestor, source, reporter, options.MaxBackoff);
        deadLetters = new DeadLetterStage(producer, source, new Reporter(options.Reports, source.Name), options.MaxBackoff, options.Metrics);
        offline = new OfflineAppendStage(ingestor, source, options, appendGate, new Reporter(options.Reports, source.Name), status);
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

    /// <summary>Ingests until <paramref name="stop"/>; then flushes every buffer offline and commits what became durable.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        stopToken = stop;
        running = true;
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

                Commit(offline.TakeCompleted());
                offline.StartDue(stop);
                await offline.WaitForBackloggedAsync().ConfigureAwait(false);
                if (batch.Messages.Count > 0 || sinceLag.Elapsed >= LagInterval)
                {
                    lag.Update();
                    sinceLag.Restart();
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped while retrying: that batch is not buffered and is read again by the next run.
        }

        try
        {
            // One attempt: a commit that fails while stopping is not retried, and those records are read again by the next run.
            Commit(await offline.FlushAsync(null, stop).ConfigureAwait(false), now: true);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped while an append was retrying: its records are read again by the next run.
        }
        finally
        {
            running = false;
        }
    }

    private async Task ProcessAsync(MicroBatch batch, CancellationToken stop)
    {
        var (records, failed) = decode.Decode(batch);
        var (result, rejected) = await online.WriteAsync(records, batch, stop).ConfigureAwait(false);
        failed.AddRange(rejected);
        var sent = failed.Count == 0 ? Task.CompletedTask : deadLetters.SendAsync(failed, stop);
        offline.Add(batch, result?.Accepted ?? [], failed, sent);
        status.AddBatch(batch.Messages.Count, result?.Accepted.Count ?? 0, result?.Late ?? 0, failed.Count);
    }

    private void Commit(List<OfflineFlush> flushes, bool now = false)
    {
        var committed = commit.Commit(flushes, now);
        if (committed > 0)
        {
            status.AddCommitted(committed);
        }
    }

    /// <summary>
    /// Another consumer may have appended to these partitions since this process last owned them, and the consumer reads
    /// them from their committed offsets again, so older pending offsets are void.
    /// </summary>
    private void OnAssigned(List<TopicPartition> partitions)
    {
        commit.Forget(partitions);
        foreach (var partition in partitions)
        {
            ingestor.ForgetPartition(source.Name, partition.Topic, partition.Partition.Value);
        }
    }

    /// <summary>Before partitions go to another member, their buffers are appended and committed, so the new owner starts after them.</summary>
    private void OnRevoked(List<TopicPartition> partitions)
    {
        if (running)
        {
            try
            {
                Commit(offline.FlushAsync(partitions, stopToken).GetAwaiter().GetResult(), now: true);
            }
            catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
            {
                // Stopping: what was not committed is read again by the partitions' next owner.
            }
        }

        Forget(partitions);
    }

    /// <summary>Lost partitions already belong to another member: their buffers are dropped uncommitted, and the new owner reads them again.</summary>
    private void OnLost(List<TopicPartition> partitions) => Forget(partitions);

    private void Forget(List<TopicPartition> partitions)
    {
        collector.Discard(partitions);
        offline.Remove(partitions);
        commit.Forget(partitions);
        lag.Forget(partitions);
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
