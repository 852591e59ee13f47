namespace FeatureStore.Streaming.Kafka.Consuming;

/// <summary>
/// Options of a <see cref="KafkaIngestionWorker"/>. <see cref="Views"/> limits ingestion to the Kafka sources of these views
/// and the online writes to them (null: every online view of every Kafka-streamed source). A micro-batch takes what the
/// consumer has fetched, waiting at most <see cref="BatchWindow"/> after its first record for more, up to
/// <see cref="BatchSize"/> records; it is written online at once. Accepted records are appended offline per partition
/// when <see cref="OfflineFlushRows"/> wait or the oldest has waited <see cref="OfflineFlushInterval"/>, and on stop.
/// <see cref="Reports"/> receives one-line reports of broker and store trouble and recovery (stderr in the CLI).
/// </summary>
public sealed record KafkaIngestionOptions
{
    public IReadOnlyCollection<string>? Views { get; init; }

    public int BatchSize { get; init; } = 5000;

    public TimeSpan BatchWindow { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>A partition's records written online are appended offline as one file once this many wait.</summary>
    public int OfflineFlushRows { get; init; } = 100_000;

    /// <summary>A partition's records written online are appended offline once the oldest has waited this long.</summary>
    public TimeSpan OfflineFlushInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the start waits for the brokers' metadata before giving up with a one-line error.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>The longest wait between retries of a failed commit, dead-letter delivery, store write or offline append.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    public IngestionMetrics? Metrics { get; init; }

    public TextWriter Reports { get; init; } = TextWriter.Null;

    internal void Validate()
    {
        if (BatchSize < 1)
        {
            throw new KafkaIngestionException($"batch size must be at least 1 (got {BatchSize})");
        }

        if (BatchWindow < TimeSpan.Zero)
        {
            throw new KafkaIngestionException($"batch window must not be negative (got {BatchWindow.TotalMilliseconds} ms)");
        }

        if (OfflineFlushRows < 1)
        {
            throw new KafkaIngestionException($"offline flush rows must be at least 1 (got {OfflineFlushRows})");
        }

        if (OfflineFlushInterval <= TimeSpan.Zero)
        {
            throw new KafkaIngestionException($"offline flush interval must be positive (got {OfflineFlushInterval.TotalMilliseconds} ms)");
        }
    }
}
