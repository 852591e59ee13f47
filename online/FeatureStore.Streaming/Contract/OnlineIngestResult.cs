namespace FeatureStore.Streaming;

/// <summary>
/// Outcome of one <see cref="StreamIngestor.WriteOnlineAsync"/> call: the <see cref="Accepted"/> records (written online,
/// in input order, to be appended offline through an <see cref="OfflineBuffer"/>), how many of them were
/// <see cref="Late"/>, the online rows written and <see cref="SkippedOlder"/> (one per record and view, as in
/// <see cref="IngestResult"/>), and the <see cref="Rejected"/> records.
/// </summary>
public sealed record OnlineIngestResult(
    IReadOnlyList<AcceptedRecord> Accepted,
    int Late,
    int WrittenOnline,
    int SkippedOlder,
    IReadOnlyList<RejectedRecord> Rejected);
