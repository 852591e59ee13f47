namespace FeatureStore.Sdk.Push;

/// <summary>
/// What a push did: <see cref="Accepted"/> rows (every row: a push is all or nothing), <see cref="WrittenOnline"/> and
/// <see cref="SkippedOlder"/> (the store already held a newer event for the entity), <see cref="Late"/> rows (older than
/// the newest event time this session pushed to the source minus the allowed lateness; still applied when newer for
/// their entity), and <see cref="AppendedOffline"/> rows appended to the source's Parquet history.
/// </summary>
public sealed record PushSummary(int Accepted, int WrittenOnline, int SkippedOlder, int Late, int AppendedOffline);
