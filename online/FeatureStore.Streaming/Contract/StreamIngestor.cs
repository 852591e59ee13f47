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
/// When <see cref="IngestAsync"/> returns, both writes are durable, so the caller may then commit its offsets.
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
    /// is then committed offline for the call, so the caller retries the same records).
    /// </summary>
    public async Task<IngestResult> IngestAsync(string dataSource, IReadOnlyList<DecodedRecord> records, IReadOnlyCollection<string>? views = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var plan = resolver.Resolve(dataSource, views);
        var (accepted, rejected) = new RecordValidator(plan).Validate(records);
        var ingestedAt = clock.GetUtcNow();

        var late = 0;
        foreach (var record in accepted)
        {
            if (watermarks.Observe(record.Position, record.EventTime, plan.AllowedLateness))
                late++;
        }

        var (written, skipped) = await OnlineWriter.WriteAsync(store, plan, accepted, ct).ConfigureAwait(false);
        var servableAt = clock.GetUtcNow();
        var appended = appender.Append(plan, accepted, ingestedAt, ct);

        if (metrics is not null)
        {
            metrics.RecordOutcomes(plan.Source.Name, accepted.Count, rejected.Count, late);
            metrics.RecordOfflineRows(plan.Source.Name, appended);
            foreach (var record in accepted)
                metrics.ObserveEventToServable(plan.Source.Name, servableAt - (record.Record.BrokerTimestamp ?? record.EventTime));
            foreach (var (topic, partition) in accepted.Select(r => (r.Position.Topic, r.Position.Partition)).Distinct())
            {
                if (watermarks.Watermark(topic, partition, plan.AllowedLateness) is { } mark)
                    metrics.SetWatermark(topic, partition, mark);
            }
        }

        return new IngestResult(accepted.Count, late, written, skipped, appended, rejected);
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
    /// Forgets which offsets of a partition were appended offline, so its next call reads them from the files again. The
    /// Kafka worker calls it when a partition is assigned: another consumer may have appended to it in the meantime.
    /// Do not call it while a call on that partition runs.
    /// </summary>
    public void ForgetPartition(string topic, int partition)
    {
        ArgumentNullException.ThrowIfNull(topic);
        appender.Forget(topic, partition);
    }
}
