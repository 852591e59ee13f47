namespace FeatureStore.Streaming;

/// <summary>
/// Options of a <see cref="StreamIngestor"/>. <see cref="Clock"/> gives the ingestion time written to the created
/// timestamp column; <see cref="Metrics"/> receives counts and latencies (null: not recorded).
/// </summary>
public sealed record StreamIngestorOptions(TimeProvider? Clock = null, IngestionMetrics? Metrics = null)
{
    public static StreamIngestorOptions Default { get; } = new();
}
