namespace FeatureStore.Online;

/// <summary>
/// Outcome of a write: rows stored, and rows skipped because the store already held a newer event timestamp for
/// that entity and view. <c>Written + SkippedOlder</c> equals the number of rows given.
/// </summary>
public readonly record struct OnlineWriteResult(int Written, int SkippedOlder);
