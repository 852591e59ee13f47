namespace FeatureStore.Streaming;

/// <summary>
/// Outcome of one <see cref="StreamIngestor.IngestAsync"/> call. <see cref="Accepted"/> + <see cref="Rejected"/>.Count is the
/// number of records given. <see cref="Late"/> counts accepted records older than their partition's watermark (still
/// applied online when newer for their entity, and always appended offline). <see cref="WrittenOnline"/> and
/// <see cref="SkippedOlder"/> count online rows (one per record and view); <see cref="AppendedOffline"/> counts rows
/// appended to the source's Parquet history (records already appended by an earlier run are not appended again).
/// </summary>
public sealed record IngestResult(
    int Accepted,
    int Late,
    int WrittenOnline,
    int SkippedOlder,
    int AppendedOffline,
    IReadOnlyList<RejectedRecord> Rejected);
