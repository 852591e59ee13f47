namespace FeatureStore.Sdk.Erasure;

/// <summary>
/// What an erasure changed, or with <see cref="DryRun"/> would change. Raw join-key values appear here (the caller
/// named them) but never in the audit log, which names each entity as <see cref="ErasedEntity.AuditSubject"/>.
/// </summary>
public sealed record ErasureReport(
    bool DryRun,
    IReadOnlyList<ErasedEntity> Entities,
    IReadOnlyList<ErasedView> Views,
    IReadOnlyList<ErasedOnlineKey> OnlineKeys,
    IReadOnlyList<ErasedFile> Files,
    IReadOnlyList<AffectedTrainingSet> TrainingSets,
    int StrayTempFilesRemoved)
{
    /// <summary>Offline rows removed (or that would be).</summary>
    public long RowsRemoved => Files.Sum(f => f.RowsRemoved);

    /// <summary>Online rows deleted; in a dry run, the stored rows that would be.</summary>
    public int OnlineRowsDeleted => OnlineKeys.Count(k => k.Stored);
}

/// <summary>An erased entity: the join key, its value as given, and how the audit log names it.</summary>
/// <param name="AuditSubject"><c>JOIN_KEY=sha256:&lt;first 16 hex digits of SHA-256 of the value's text&gt;</c>.</param>
public sealed record ErasedEntity(string JoinKey, string Value, string AuditSubject);

/// <summary>A feature view keyed (alone or with other keys) by an erased join key.</summary>
public sealed record ErasedView(string Name, int Version, IReadOnlyList<string> JoinKeys, bool Online);

/// <summary>
/// One online key of a view version: <see cref="Key"/> as <c>k=v</c> pairs. <see cref="Stored"/>: a row was deleted (or,
/// in a dry run, is stored and would be).
/// </summary>
public sealed record ErasedOnlineKey(string View, int Version, string Key, bool Stored);

/// <summary>One Parquet file of an affected source that held the entity: its rows before and the rows removed.</summary>
/// <param name="Deleted">The whole file went (a hive folder named by the erased value); otherwise it was rewritten.</param>
public sealed record ErasedFile(string Path, string DataSource, long Rows, long RowsRemoved, bool Deleted);

/// <summary>A recorded training set whose output holds the entity (<c>verify-training-set</c> reports it changed once erased).</summary>
public sealed record AffectedTrainingSet(string ManifestPath, string OutputPath, long Rows);
