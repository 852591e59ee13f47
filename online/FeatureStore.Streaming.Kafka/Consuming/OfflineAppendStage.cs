using System.Runtime.ExceptionServices;
using Confluent.Kafka;

namespace FeatureStore.Streaming.Kafka.Consuming;

/// <summary>
/// The offline cadence of one source: records written online wait per partition (<see cref="PartitionBuffer"/>) and are
/// appended to the source's Parquet history as one file when a partition's buffer reaches
/// <see cref="KafkaIngestionOptions.OfflineFlushRows"/> or its oldest content is
/// <see cref="KafkaIngestionOptions.OfflineFlushInterval"/> old, and on stop or before a partition is given up. Appends run
/// off the consume loop, at most one per partition and one per worker at a time; transient failures are retried with backoff
/// (the records stay in the flush, so nothing is lost or reordered). A completed flush is handed back for its offsets to be
/// committed. Called from the consume loop only.
/// </summary>
internal sealed class OfflineAppendStage(
    StreamIngestor ingestor, KafkaSource source, KafkaIngestionOptions options, SemaphoreSlim gate, Reporter reporter, IngestionStatus status)
{
    private readonly Dictionary<TopicPartition, PartitionBuffer> buffers = [];

    /// <summary>Buffers a batch written online: its accepted records, and the delivery of its dead letters (their partitions wait for it).</summary>
    public void Add(MicroBatch batch, IReadOnlyList<AcceptedRecord> accepted, IReadOnlyList<DeadLetter> letters, Task lettersSent)
    {
        var byPartition = new Dictionary<int, List<AcceptedRecord>>();
        foreach (var record in accepted)
        {
            if (!byPartition.TryGetValue(record.Position.Partition, out var list))
            {
                byPartition[record.Position.Partition] = list = [];
            }

            list.Add(record);
        }

        var lettered = letters.Select(l => l.Message.TopicPartition).ToHashSet();
        foreach (var (partition, next, messages) in batch.Partitions)
        {
            if (!buffers.TryGetValue(partition, out var buffer))
            {
                buffers[partition] = buffer = new PartitionBuffer(partition);
            }

            buffer.Add(byPartition.GetValueOrDefault(partition.Partition.Value) ?? [], lettered.Contains(partition) ? lettersSent : null, next, messages);
        }

        ReportBuffered();
    }

    /// <summary>Starts the flush of every partition whose buffer is due and has none in flight.</summary>
    public void StartDue(CancellationToken stop)
    {
        foreach (var buffer in buffers.Values)
        {
            if (buffer.IsDue(options.OfflineFlushRows, options.OfflineFlushInterval))
            {
                Start(buffer, stop);
            }
        }
    }

    /// <summary>
    /// The flushes that finished since the last call, to commit. A flush abandoned by a stop is dropped (its records are
    /// read again by the next run); a failure that is not transient is rethrown.
    /// </summary>
    public List<OfflineFlush> TakeCompleted()
    {
        var done = new List<OfflineFlush>();
        foreach (var buffer in buffers.Values)
        {
            if (buffer.InFlight is { Task.IsCompleted: true })
            {
                Collect(buffer, done);
            }
        }

        ReportBuffered();
        return done;
    }

    /// <summary>Waits while some partition has a full buffer behind a flush in flight (the offline side is the bottleneck then).</summary>
    public async Task WaitForBackloggedAsync()
    {
        foreach (var buffer in buffers.Values)
        {
            if (buffer.InFlight is { } inFlight && buffer.Rows >= options.OfflineFlushRows)
            {
                await Task.WhenAny(inFlight.Task).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Makes every buffer of <paramref name="partitions"/> (all when null) durable: waits for its flush in flight, then
    /// flushes what is left. Returns the flushes that completed, to commit. For a stop and before partitions are given up.
    /// </summary>
    public async Task<List<OfflineFlush>> FlushAsync(IReadOnlyCollection<TopicPartition>? partitions, CancellationToken stop)
    {
        var done = new List<OfflineFlush>();
        foreach (var buffer in buffers.Values.Where(b => partitions is null || partitions.Contains(b.Partition)).ToList())
        {
            if (buffer.InFlight is { } running)
            {
                await Task.WhenAny(running.Task).ConfigureAwait(false);
                Collect(buffer, done);
            }

            if (buffer.HasPending)
            {
                var flush = Start(buffer, stop);
                await Task.WhenAny(flush).ConfigureAwait(false);
                Collect(buffer, done);
            }
        }

        ReportBuffered();
        return done;
    }

    /// <summary>Forgets partitions the consumer no longer owns; what they buffered is read again by their next owner.</summary>
    public void Remove(IEnumerable<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            buffers.Remove(partition);
        }

        ReportBuffered();
    }

    private Task Start(PartitionBuffer buffer, CancellationToken stop)
    {
        var flush = buffer.Take();
        var task = RunAsync(flush, stop);
        buffer.InFlight = (task, flush);
        return task;
    }

    private static void Collect(PartitionBuffer buffer, List<OfflineFlush> done)
    {
        var (task, flush) = buffer.InFlight!.Value;
        buffer.InFlight = null;
        if (task.IsCompletedSuccessfully)
        {
            done.Add(flush);
        }
        else if (!task.IsCanceled && task.Exception!.InnerException is not OperationCanceledException)
        {
            ExceptionDispatchInfo.Capture(task.Exception.InnerException!).Throw();
        }
    }

    private async Task RunAsync(OfflineFlush flush, CancellationToken stop)
    {
        await Task.WhenAll(flush.DeadLetters).ConfigureAwait(false);
        if (flush.Records.Count == 0)
        {
            return;
        }

        await Retry.UntilDoneAsync(
            () => AppendOnceAsync(flush.Records),
            e => e is IOException or UnauthorizedAccessException,
            $"appending partition {flush.Commit.Partition.Value} to the Parquet history", reporter, options.MaxBackoff, stop).ConfigureAwait(false);
    }

    /// <summary>
    /// One attempt: Parquet encoding and fsync run on a low-priority thread of their own (<see cref="BackgroundPriority"/>),
    /// one append of the worker at a time (<paramref name="gate"/>), so offline work never takes more than one core from
    /// the online path.
    /// </summary>
    private async Task<int> AppendOnceAsync(OfflineBuffer records)
    {
        await gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            return await BackgroundPriority.Run("featurestore offline append", () => ingestor.AppendOffline(source.Name, records)).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private void ReportBuffered()
    {
        var rows = buffers.Values.Sum(b => (long)b.Rows + (b.InFlight?.Flush.Records.Count ?? 0));
        status.SetBuffered(source.Name, rows);
        options.Metrics?.SetOfflineBuffered(source.Name, rows);
    }
}
