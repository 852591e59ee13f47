using FeatureStore.Online;
using FeatureStore.Registry.Model;
using FeatureStore.Streaming.Offline;
using FeatureStore.Streaming.Online;
using FeatureStore.Streaming.Resolution;
using FeatureStore.Streaming.Validation;
using FeatureStore.Streaming.Watermarks;

namespace FeatureStore.Streaming;

/// <summary>
/// The one write path of streamed and pushed records, shared by the Kafka worker and PushFeatures: validate each record
/// against every online view reading its data source (types, join keys, event time, quality rules), write it online
/// through the store's event-time guard, and append it to the source's Parquet history in an atomically committed file.
/// When <see cref="IngestAsync"/> returns, both writes are durable, so the caller may then commit its offsets. Callers
/// that append offline on their own cadence use its halves, <see cref="WriteOnlineAsync"/> and <see cref="AppendOffline"/>.
/// Thread-safe for calls on different (topic, partition) pairs.
/// </summary>
public sealed class StreamIngestor
{
    private readonly IOnlineStore store;
    private readonly SourceResolver resolver;
    private readonly TimeProvider clock;
    private readonly IngestionMetrics? metrics;
    private readonly WatermarkTracker watermarks = new();
    private readonly OfflineAppender appender = new();

    public StreamIngestor(RegistryDefinitions definitions, string repoDir, IOnlineStore store, StreamIngestorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(repoDir);
        this.store = store;
        resolver = new SourceResolver(definitions, Path.GetFullPath(repoDir));
        clock = options?.Clock ?? TimeProvider.System;
        metrics = options?.Metrics;
    }

    /// <summary>
    /// Ingests records of one streamed data source; <paramref name="views"/> limits the views written online (null: every
    /// online view reading the source). Bad records are returned in <see cref="IngestResult.Rejected"/>, never thrown.
    /// Throws <see cref="StreamIngestionException"/> for an unknown or non-streamed source, and
    /// <see cref="OnlineStoreUnavailableException"/> / <see cref="IOException"/> when a store cannot be written (nothing
    /// is then committed offline for the call, so the caller retries the same records). Both writes are durable on
    /// return: <see cref="WriteOnlineAsync"/> then <see cref="AppendOffline"/> of everything it accepted.
    /// </summary>
    public async Task<IngestResult> IngestAsync(string dataSource, IReadOnlyList<DecodedRecord> records, IReadOnlyCollection<string>? views = null, CancellationToken ct = default)
    {
        var online = await WriteOnlineAsync(dataSource, records, views, ct).ConfigureAwait(false);
        var appended = 0;
        foreach (var partition in online.Accepted.GroupBy(r => (r.Position.Topic, r.Position.Partition)))
        {
            var buffer = new OfflineBuffer();
            buffer.AddRange(partition);
            appended += AppendOffline(dataSource, buffer, ct);
        }

        return new IngestResult(online.Accepted.Count, online.Late, online.WrittenOnline, online.SkippedOlder, appended, online.Rejected);
    }

    /// <summary>
    /// The online half of <see cref="IngestAsync"/>, for callers that append offline on their own cadence (the Kafka
    /// worker): validates the records, writes the accepted ones online through the event-time guard and returns them with
    /// their ingestion time, appending nothing. Records the outcome counts, watermarks and event-to-servable latencies.
    /// Throws as <see cref="IngestAsync"/> does.
    /// </summary>
    public async Task<OnlineIngestResult> WriteOnlineAsync(string dataSource, IReadOnlyList<DecodedRecord> records, IReadOnlyCollection<string>? views = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var plan = resolver.Resolve(dataSource, views);
        var (accepted, rejected) = new RecordValidator(plan).Validate(records);

        var late = 0;
        foreach (var record in accepted)
        {
            if (watermarks.Observe(record.Position, record.EventTime, plan.AllowedLateness))
                late++;
        }

        var (written, skipped) = await OnlineWriter.WriteAsync(store, plan, accepted, ct).ConfigureAwait(false);
        var servableAt = clock.GetUtcNow();
        var result = new AcceptedRecord[accepted.Count];
        for (var i = 0; i < result.Length; i++)
            result[i] = new AcceptedRecord(plan.Source.Name, accepted[i].Position, accepted[i].EventTime, servableAt, accepted[i].OfflineValues);

        if (metrics is not null)
        {
            metrics.RecordOutcomes(plan.Source.Name, accepted.Count, rejected.Count, late);
            foreach (var record in accepted)
                metrics.ObserveEventToServable(plan.Source.Name, servableAt - (record.Record.BrokerTimestamp ?? record.EventTime));
            foreach (var (topic, partition) in accepted.Select(r => (r.Position.Topic, r.Position.Partition)).Distinct())
            {
                if (watermarks.Watermark(topic, partition, plan.AllowedLateness) is { } mark)
                    metrics.SetWatermark(topic, partition, mark);
            }
        }

        return new OnlineIngestResult(result, late, written, skipped, rejected);
    }

    /// <summary>
    /// The offline half of <see cref="IngestAsync"/>: appends a partition's records that <see cref="WriteOnlineAsync"/>
    /// accepted for <paramref name="dataSource"/> (from any number of its calls) to the source's Parquet history, one
    /// atomically committed file per event date, each row with its own <see cref="AcceptedRecord.IngestedAt"/> as created
    /// timestamp. Records at or below the highest offset already appended for the partition are left out, so appending a
    /// replay twice adds nothing. Durable on return; returns the rows appended. Throws <see cref="IOException"/> when a file
    /// cannot be written (nothing of the buffer committed: append it again). Thread-safe for buffers of different partitions.
    /// </summary>
    public int AppendOffline(string dataSource, OfflineBuffer records, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var plan = resolver.Resolve(dataSource, null);
        if (records.Count == 0)
            return 0;
        if (!string.Equals(records.DataSource, plan.Source.Name, StringComparison.Ordinal))
            throw new ArgumentException($"the buffer holds records accepted for data source '{records.DataSource}', not '{plan.Source.Name}'", nameof(records));
        var appended = appender.Append(plan, records, ct);
        metrics?.RecordOfflineRows(plan.Source.Name, appended);
        return appended;
    }

    /// <summary>
    /// Checks records as <see cref="IngestAsync"/> would, writing nothing (the push API refuses a whole call with this
    /// before writing any of it). Throws <see cref="StreamIngestionException"/> like <see cref="IngestAsync"/>.
    /// </summary>
    public IReadOnlyList<RejectedRecord> Validate(string dataSource, IReadOnlyList<DecodedRecord> records, IReadOnlyCollection<string>? views = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        return new RecordValidator(resolver.Resolve(dataSource, views)).Validate(records).Rejected;
    }

    /// <summary>
    /// The watermark of a partition (newest event time seen by this ingestor minus the source's allowed lateness), or null
    /// before its first accepted record.
    /// </summary>
    public DateTimeOffset? Watermark(string dataSource, string topic, int partition) =>
        watermarks.Watermark(topic, partition, resolver.Resolve(dataSource, null).AllowedLateness);

    /// <summary>
    /// Forgets which offsets of a partition were appended to <paramref name="dataSource"/>'s history, so its next append
    /// reads them from the files again. The Kafka worker calls it when a partition is assigned: another consumer may have
    /// appended to it in the meantime. Do not call it while an append of that partition runs.
    /// </summary>
    public void ForgetPartition(string dataSource, string topic, int partition)
    {
        ArgumentNullException.ThrowIfNull(topic);
        appender.Forget(resolver.Resolve(dataSource, null).BaseDirectory, topic, partition);
    }
}
