using FeatureStore.Registry.Model;

namespace FeatureStore.Registry.Storage;

/// <summary>
/// Where a project's registry lives. One contract, one contract test suite, two implementations:
/// embedded SQLite (the default) and PostgreSQL (shared by many teams).
/// Objects are stored as canonical JSON (see <see cref="RegistryJson"/>), so the store knows nothing of the model's shape.
/// </summary>
public interface IRegistryStore : IAsyncDisposable
{
    /// <summary>Creates the schema when missing. Idempotent; safe to call from several processes at once.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>Every object of the project with the revision it was read at (0 for a project never applied).</summary>
    Task<RegistryState> LoadAsync(string project, CancellationToken cancellationToken = default);

    /// <summary>The project's current revision: a cheap call for caches that refresh when the registry changes.</summary>
    Task<long> GetRevisionAsync(string project, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes every change atomically, or nothing. Fails with <see cref="RegistryConflictException"/> when the
    /// project's revision is no longer <paramref name="expectedRevision"/> (somebody applied in between).
    /// Each added or changed object gets version = previous version + 1 (1 when new).
    /// </summary>
    Task<ApplyRecord> CommitAsync(
        string project,
        long expectedRevision,
        string actor,
        IReadOnlyList<ObjectWrite> writes,
        CancellationToken cancellationToken = default);

    /// <summary>Applies of the project, newest first; filtered to those touching one object when <paramref name="filter"/> is given.</summary>
    Task<IReadOnlyList<ApplyRecord>> GetHistoryAsync(
        string project,
        HistoryFilter? filter = null,
        int limit = 100,
        CancellationToken cancellationToken = default);

    /// <summary>The project's materialization watermarks, one per view that was ever materialized.</summary>
    Task<IReadOnlyList<MaterializationWatermark>> GetWatermarksAsync(string project, CancellationToken cancellationToken = default);

    /// <summary>
    /// Raises a view's watermarks; each of the two never moves back (a smaller value keeps the stored one), so a
    /// backfill of an old range cannot undo progress. Call only after the data up to it is durable online.
    /// </summary>
    Task AdvanceWatermarkAsync(string project, MaterializationWatermark watermark, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces the record of (run, view): called as the run progresses and when it ends.</summary>
    Task RecordRunAsync(string project, MaterializationRunRecord run, CancellationToken cancellationToken = default);

    /// <summary>Materialization runs of the project, newest first; only one view's when <paramref name="view"/> is given.</summary>
    Task<IReadOnlyList<MaterializationRunRecord>> GetRunsAsync(
        string project, string? view = null, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>Every run record of the project still in status running (oldest first), whatever its age.</summary>
    Task<IReadOnlyList<MaterializationRunRecord>> GetRunningRunsAsync(string project, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks (run, view) abandoned with <paramref name="reason"/>, only if it is still running (a run that ended in
    /// between keeps its status). Returns whether it was marked.
    /// </summary>
    Task<bool> MarkRunAbandonedAsync(string project, string runId, string view, string reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records that partition <paramref name="partition"/> of the work identified by <paramref name="workKey"/> (a
    /// fingerprint of the request: view, definitions, window, source files, partition count) is durable online.
    /// Idempotent. Call only after the partition's writes returned.
    /// </summary>
    Task RecordPartitionDoneAsync(string project, string workKey, int partition, string runId, CancellationToken cancellationToken = default);

    /// <summary>The partitions recorded done for <paramref name="workKey"/>, so a re-run of the same request skips them.</summary>
    Task<IReadOnlySet<int>> GetDonePartitionsAsync(string project, string workKey, CancellationToken cancellationToken = default);

    /// <summary>Forgets the partitions of <paramref name="workKey"/> (when the work completed, so a later identical request runs in full).</summary>
    Task ClearDonePartitionsAsync(string project, string workKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends lines to the project's audit log. The log is append-only: nothing updates or deletes a line except
    /// <see cref="PurgeAuditAsync"/>. <see cref="CommitAsync"/> appends one line per change itself, in its transaction.
    /// </summary>
    Task AppendAuditAsync(string project, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Audit lines of the project matching <paramref name="query"/>, newest first.</summary>
    Task<IReadOnlyList<AuditRecord>> QueryAuditAsync(string project, AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>Deletes the project's audit lines older than <paramref name="before"/> (the retention setting); returns how many.</summary>
    Task<long> PurgeAuditAsync(string project, DateTimeOffset before, CancellationToken cancellationToken = default);

    /// <summary>Records (or re-records, when the same manifest path is written again) a training set the project wrote.</summary>
    Task RecordTrainingSetAsync(string project, TrainingSetRecord trainingSet, CancellationToken cancellationToken = default);

    /// <summary>Every training set the project recorded, newest first.</summary>
    Task<IReadOnlyList<TrainingSetRecord>> GetTrainingSetsAsync(string project, CancellationToken cancellationToken = default);
}

/// <summary>One stored object: canonical JSON of its definition and the registry-assigned version.</summary>
public sealed record StoredObject(ObjectKind Kind, string Name, long Version, string DefinitionJson, DateTimeOffset UpdatedAt);

/// <summary>A consistent read of a project: all objects as of <see cref="Revision"/>.</summary>
public sealed record RegistryState(string Project, long Revision, IReadOnlyList<StoredObject> Objects);

public enum ChangeType
{
    Added,
    Changed,
    Removed,
}

/// <summary>One object to add, replace or remove. <see cref="DefinitionJson"/> is null for removals.</summary>
public sealed record ObjectWrite(ObjectKind Kind, string Name, ChangeType Change, string? DefinitionJson, string Summary);

/// <summary>What one apply changed. <see cref="Version"/> is the object's version after the change (its last version when removed).</summary>
public sealed record ChangeRecord(ObjectKind Kind, string Name, ChangeType Change, long Version, string Summary);

/// <summary>One recorded apply: who, when, what. <see cref="Revision"/> is the project revision it produced.</summary>
public sealed record ApplyRecord(long Revision, string Project, string Actor, DateTimeOffset AppliedAt, IReadOnlyList<ChangeRecord> Changes);

public sealed record HistoryFilter(ObjectKind? Kind, string Name);
