namespace FeatureStore.Streaming.Kafka.Consuming;

/// <summary>
/// Options of a <see cref="KafkaIngestionWorker"/>. <see cref="Views"/> limits ingestion to the Kafka sources of these views
/// and the online writes to them (null: every online view of every Kafka-streamed source). A micro-batch closes at
/// <see cref="BatchSize"/> records or <see cref="BatchWindow"/> after its first record. <see cref="Reports"/> receives
/// one-line reports of broker and store trouble and recovery (stderr in the CLI).
/// </summary>
public sealed record KafkaIngestionOptions
{
    public IReadOnlyCollection<string>? Views { get; init; }

    public int BatchSize { get; init; } = 5000;

    public TimeSpan BatchWindow { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long the start waits for the brokers' metadata before giving up with a one-line error.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>The longest wait between retries of a failed commit, dead-letter delivery or store write.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    public IngestionMetrics? Metrics { get; init; }

    public TextWriter Reports { get; init; } = TextWriter.Null;

    internal void Validate()
    {
        if (BatchSize < 1)
        {
            throw new KafkaIngestionException($"batch size must be at least 1 (got {BatchSize})");
        }

        if (BatchWindow <= TimeSpan.Zero)
        {
            throw new KafkaIngestionException($"batch window must be positive (got {BatchWindow.TotalMilliseconds} ms)");
        }
    }
}
