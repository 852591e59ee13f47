using System.Globalization;
using Prometheus;

namespace FeatureStore.Streaming;

/// <summary>
/// Prometheus metrics of stream and push ingestion (names prefixed <c>featurestore_ingest_</c>), registered in
/// <paramref name="registry"/> (the default registry when null). The ingestor records outcomes, offline rows,
/// event-to-servable latency and watermarks; the Kafka worker records dead letters, consumer lag and its offline buffer. The freshness of a
/// view is the feature server's gauge, read from the store's newest event timestamps, which every ingested write raises.
/// </summary>
public sealed class IngestionMetrics
{
    /// <summary>Latency buckets: 1 ms to 60 s, fine around the 100 ms objective so its p99 can be read from them.</summary>
    private static readonly double[] LatencyBuckets =
        [0.001, 0.0025, 0.005, 0.01, 0.015, 0.02, 0.03, 0.04, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly Counter records;
    private readonly Counter deadLettered;
    private readonly Counter offlineRows;
    private readonly Gauge offlineBuffered;
    private readonly Histogram latency;
    private readonly Gauge lag;
    private readonly Gauge watermark;

    public IngestionMetrics(CollectorRegistry? registry = null)
    {
        Registry = registry ?? Metrics.DefaultRegistry;
        var factory = Metrics.WithCustomRegistry(Registry);
        records = factory.CreateCounter("featurestore_ingest_records_total",
            "Streamed or pushed records by outcome: accepted (includes late), rejected (failed validation), late (accepted but older than the partition watermark).",
            "source", "outcome");
        deadLettered = factory.CreateCounter("featurestore_ingest_dead_lettered_total",
            "Records sent to the dead-letter topic, by source and the view they failed for (empty when none: decoding or event time).",
            "source", "view");
        offlineRows = factory.CreateCounter("featurestore_ingest_offline_rows_appended_total",
            "Rows appended to the source's Parquet history (replayed records already appended are not counted).", "source");
        offlineBuffered = factory.CreateGauge("featurestore_ingest_offline_buffered_rows",
            "Records written online and waiting in the Kafka worker's buffer for their offline append (their offsets are not committed yet).", "source");
        latency = factory.CreateHistogram("featurestore_ingest_event_to_servable_seconds",
            "From the broker timestamp (else the event time) to the return of the online write.",
            new HistogramConfiguration { LabelNames = ["source"], Buckets = LatencyBuckets });
        lag = factory.CreateGauge("featurestore_ingest_consumer_lag",
            "Messages between the consumer position and the end of the partition.", "topic", "partition");
        watermark = factory.CreateGauge("featurestore_ingest_watermark_timestamp_seconds",
            "A partition's watermark (newest event time seen minus the allowed lateness), Unix seconds.", "topic", "partition");
    }

    public CollectorRegistry Registry { get; }

    /// <summary>Receives every event-to-servable latency the histogram observes (a benchmark's exact recorder); null: none.</summary>
    public Action<TimeSpan>? LatencyObserver { get; init; }

    /// <summary>Counts one call's outcomes for a source.</summary>
    public void RecordOutcomes(string source, int accepted, int rejected, int late)
    {
        records.WithLabels(source, "accepted").Inc(accepted);
        records.WithLabels(source, "rejected").Inc(rejected);
        records.WithLabels(source, "late").Inc(late);
    }

    /// <summary>Counts a record sent to the dead-letter topic (<paramref name="view"/> null when it failed for no view).</summary>
    public void RecordDeadLettered(string source, string? view, int count = 1) => deadLettered.WithLabels(source, view ?? "").Inc(count);

    public void RecordOfflineRows(string source, int rows) => offlineRows.WithLabels(source).Inc(rows);

    /// <summary>Sets how many records of a source wait for their offline append.</summary>
    public void SetOfflineBuffered(string source, long rows) => offlineBuffered.WithLabels(source).Set(rows);

    public void ObserveEventToServable(string source, TimeSpan latencyValue)
    {
        latency.WithLabels(source).Observe(Math.Max(0, latencyValue.TotalSeconds));
        LatencyObserver?.Invoke(latencyValue);
    }

    public void SetConsumerLag(string topic, int partition, long messages) =>
        lag.WithLabels(topic, partition.ToString(CultureInfo.InvariantCulture)).Set(messages);

    public void SetWatermark(string topic, int partition, DateTimeOffset value) =>
        watermark.WithLabels(topic, partition.ToString(CultureInfo.InvariantCulture)).Set(value.ToUnixTimeMilliseconds() / 1000.0);

    /// <summary>Drops a partition's lag and watermark series (for a partition the consumer no longer owns).</summary>
    public void RemovePartition(string topic, int partition)
    {
        var label = partition.ToString(CultureInfo.InvariantCulture);
        lag.RemoveLabelled(topic, label);
        watermark.RemoveLabelled(topic, label);
    }
}
