namespace FeatureStore.Online;

/// <summary>
/// The online store: the latest feature values per entity and view, for serving. One long-lived instance per
/// process; every method is thread-safe. Failures to reach the store throw <see cref="OnlineStoreUnavailableException"/>;
/// every call honours its <see cref="CancellationToken"/> and the settings' operation timeout, so none hangs.
/// </summary>
public interface IOnlineStore : IAsyncDisposable
{
    /// <summary>
    /// Writes rows of one view. Each row is atomic and guarded by event time: it replaces the stored row only when its
    /// event timestamp is the same or newer (so re-running a batch is idempotent and late data never regresses a value).
    /// Also raises the view's newest event timestamp (see <see cref="GetNewestEventTimestampsAsync"/>).
    /// </summary>
    Task<OnlineWriteResult> WriteAsync(
        OnlineViewRef view,
        IReadOnlyList<string> featureNames,
        IReadOnlyList<OnlineRow> rows,
        OnlineWriteOptions? options = null,
        CancellationToken ct = default);

    /// <summary>
    /// Reads entities x views x features. Requests over the same entity keys are merged: in Redis all views of one
    /// entity cost one command, and all entities go out as one pipelined batch. Returns raw data with event
    /// timestamps; deciding staleness (TTL, max age) is the caller's job.
    /// </summary>
    Task<OnlineReadResult> ReadAsync(IReadOnlyList<OnlineReadRequest> requests, CancellationToken ct = default);

    /// <summary>Deletes every row of one view version and its newest-event-timestamp entry.</summary>
    Task DeleteViewAsync(OnlineViewRef view, CancellationToken ct = default);

    /// <summary>
    /// Deletes the rows of these entities from one view version (erasure); other views and versions of the same entities
    /// stay. Keys with no row are ignored, so repeating a call changes nothing. Returns how many rows were deleted. The
    /// view's newest event timestamp stays: it is the newest ever written, not the newest still stored.
    /// </summary>
    Task<int> DeleteEntitiesAsync(OnlineViewRef view, IReadOnlyList<EntityKey> keys, CancellationToken ct = default);

    /// <summary>Per view version of the project, the newest event timestamp ever written to it (data age, not job age).</summary>
    Task<IReadOnlyDictionary<OnlineViewRef, DateTimeOffset>> GetNewestEventTimestampsAsync(string project, CancellationToken ct = default);
}
