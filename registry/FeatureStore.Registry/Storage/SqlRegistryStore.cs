using System.Data.Common;
using FeatureStore.Registry.Model;

namespace FeatureStore.Registry.Storage;

/// <summary>
/// The registry store logic shared by SQLite and PostgreSQL: both speak the same SQL for these tables
/// (named parameters, ON CONFLICT, LIMIT). Subclasses open connections, start transactions and create the schema.
/// </summary>
public abstract partial class SqlRegistryStore : IRegistryStore
{
    private readonly SemaphoreSlim initializeLock = new(1, 1);
    private bool initialized;

    private protected SqlRegistryStore(string tablePrefix)
    {
        Projects = tablePrefix + "projects";
        Objects = tablePrefix + "objects";
        Applies = tablePrefix + "applies";
        Changes = tablePrefix + "changes";
        Watermarks = tablePrefix + "materialization_watermarks";
        Runs = tablePrefix + "materialization_runs";
        Partitions = tablePrefix + "materialization_partitions";
        Audit = tablePrefix + "audit";
        TrainingSets = tablePrefix + "training_sets";
    }

    private protected string Projects { get; }
    private protected string Objects { get; }
    private protected string Applies { get; }
    private protected string Changes { get; }

    /// <summary>Opens a connection; throws <see cref="RegistryUnavailableException"/> when the store cannot be reached.</summary>
    private protected abstract Task<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>A transaction that holds the write lock from its first statement on.</summary>
    private protected abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct);

    /// <summary>A transaction whose reads all see one snapshot.</summary>
    private protected abstract Task<DbTransaction> BeginSnapshotReadAsync(DbConnection connection, CancellationToken ct);

    private protected abstract Task CreateSchemaAsync(DbConnection connection, CancellationToken ct);

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref initialized))
            return;
        await initializeLock.WaitAsync(cancellationToken);
        try
        {
            if (initialized)
                return;
            await using var connection = await OpenAsync(cancellationToken);
            await CreateSchemaAsync(connection, cancellationToken);
            Volatile.Write(ref initialized, true);
        }
        finally
        {
            initializeLock.Release();
        }
    }

    public async Task<RegistryState> LoadAsync(string project, CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginSnapshotReadAsync(connection, cancellationToken);
        var revision = await ReadRevisionAsync(connection, transaction, project, cancellationToken);
        var objects = new List<StoredObject>();
        await using (var command = connection.Command(transaction,
            $"SELECT kind, name, version, definition_json, updated_at FROM {Objects} WHERE project = @p",
            ("p", project)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                objects.Add(new StoredObject(
                    StoredNames.ParseKind(reader.GetString(0)),
                    reader.GetString(1),
                    reader.GetInt64(2),
                    reader.GetString(3),
                    reader.GetFieldValue<DateTimeOffset>(4).ToUniversalTime()));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        objects.Sort((a, b) => a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind) : string.CompareOrdinal(a.Name, b.Name));
        return new RegistryState(project, revision, objects);
    }

    public async Task<long> GetRevisionAsync(string project, CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        return await ReadRevisionAsync(connection, null, project, cancellationToken);
    }

    public async Task<ApplyRecord> CommitAsync(
        string project,
        long expectedRevision,
        string actor,
        IReadOnlyList<ObjectWrite> writes,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);

        await connection.ExecuteAsync(transaction,
            $"INSERT INTO {Projects} (project, revision) VALUES (@p, 0) ON CONFLICT (project) DO NOTHING",
            cancellationToken, ("p", project));
        var bumped = await connection.ExecuteAsync(transaction,
            $"UPDATE {Projects} SET revision = revision + 1 WHERE project = @p AND revision = @expected",
            cancellationToken, ("p", project), ("expected", expectedRevision));
        if (bumped == 0)
        {
            var actual = await ReadRevisionAsync(connection, transaction, project, cancellationToken);
            throw new RegistryConflictException(project, expectedRevision, actual);
        }

        var revision = expectedRevision + 1;
        var now = UtcNowMicroseconds();
        var changes = new List<ChangeRecord>(writes.Count);
        for (var position = 0; position < writes.Count; position++)
        {
            var write = writes[position];
            var version = await WriteObjectAsync(connection, transaction, project, write, now, cancellationToken);
            await connection.ExecuteAsync(transaction,
                $"INSERT INTO {Changes} (project, revision, position, kind, name, change, version, summary) " +
                "VALUES (@p, @r, @pos, @k, @n, @c, @v, @s)",
                cancellationToken,
                ("p", project), ("r", revision), ("pos", position), ("k", StoredNames.Of(write.Kind)), ("n", write.Name),
                ("c", StoredNames.Of(write.Change)), ("v", version), ("s", write.Summary));
            changes.Add(new ChangeRecord(write.Kind, write.Name, write.Change, version, write.Summary));
        }

        await AppendAuditAsync(connection, transaction, project, [.. changes.Select(c => AuditOf(c, actor, now))], cancellationToken);

        await connection.ExecuteAsync(transaction,
            $"INSERT INTO {Applies} (project, revision, actor, applied_at) VALUES (@p, @r, @a, @t)",
            cancellationToken, ("p", project), ("r", revision), ("a", actor), ("t", now));
        await transaction.CommitAsync(cancellationToken);
        return new ApplyRecord(revision, project, actor, now, changes);
    }

    public async Task<IReadOnlyList<ApplyRecord>> GetHistoryAsync(
        string project,
        HistoryFilter? filter = null,
        int limit = 100,
        CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginSnapshotReadAsync(connection, cancellationToken);

        var applies = new List<(long Revision, string Actor, DateTimeOffset At)>();
        var sql = $"SELECT a.revision, a.actor, a.applied_at FROM {Applies} a WHERE a.project = @p";
        var parameters = new List<(string, object?)> { ("p", project), ("limit", Math.Max(0, limit)) };
        if (filter is not null)
        {
            sql += $" AND EXISTS (SELECT 1 FROM {Changes} c WHERE c.project = a.project AND c.revision = a.revision AND c.name = @n" +
                   (filter.Kind is null ? ")" : " AND c.kind = @k)");
            parameters.Add(("n", filter.Name));
            if (filter.Kind is { } kind)
                parameters.Add(("k", StoredNames.Of(kind)));
        }

        await using (var command = connection.Command(transaction, sql + " ORDER BY a.revision DESC LIMIT @limit", [.. parameters]))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                applies.Add((reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2).ToUniversalTime()));
        }

        var changesByRevision = await ReadChangesAsync(connection, transaction, project, applies.Select(a => a.Revision).ToList(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [.. applies.Select(a => new ApplyRecord(a.Revision, project, a.Actor, a.At,
            changesByRevision.TryGetValue(a.Revision, out var list) ? list : []))];
    }

    public virtual ValueTask DisposeAsync()
    {
        initializeLock.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>Applies one write and returns the object's version after it (its last version when removed).</summary>
    private async Task<long> WriteObjectAsync(DbConnection connection, DbTransaction transaction, string project, ObjectWrite write, DateTimeOffset now, CancellationToken ct)
    {
        (string, object?) p = ("p", project), k = ("k", StoredNames.Of(write.Kind)), n = ("n", write.Name);
        var current = await connection.ScalarInt64Async(transaction,
            $"SELECT version FROM {Objects} WHERE project = @p AND kind = @k AND name = @n", ct, p, k, n);
        var label = $"{write.Kind.Label()} '{write.Name}' in project '{project}'";
        if (write.Change == ChangeType.Removed)
        {
            if (current is null)
                throw new RegistryStoreException($"cannot remove {label}: it is not in the registry");
            await connection.ExecuteAsync(transaction, $"DELETE FROM {Objects} WHERE project = @p AND kind = @k AND name = @n", ct, p, k, n);
            return current.Value;
        }

        if (write.DefinitionJson is null)
            throw new RegistryStoreException($"cannot {(write.Change == ChangeType.Added ? "add" : "change")} {label}: the write has no definition JSON");
        if (write.Change == ChangeType.Added && current is not null)
            throw new RegistryStoreException($"cannot add {label}: it is already in the registry");
        if (write.Change == ChangeType.Changed && current is null)
            throw new RegistryStoreException($"cannot change {label}: it is not in the registry");

        // A removed then re-added object continues its version line instead of restarting at 1.
        var lastRecorded = await connection.ScalarInt64Async(transaction,
            $"SELECT MAX(version) FROM {Changes} WHERE project = @p AND kind = @k AND name = @n", ct, p, k, n) ?? 0;
        var version = Math.Max(lastRecorded, current ?? 0) + 1;
        (string, object?) v = ("v", version), j = ("j", write.DefinitionJson), t = ("t", now);
        var sql = write.Change == ChangeType.Added
            ? $"INSERT INTO {Objects} (project, kind, name, version, definition_json, updated_at) VALUES (@p, @k, @n, @v, @j, @t)"
            : $"UPDATE {Objects} SET version = @v, definition_json = @j, updated_at = @t WHERE project = @p AND kind = @k AND name = @n";
        await connection.ExecuteAsync(transaction, sql, ct, p, k, n, v, j, t);
        return version;
    }

    private async Task<Dictionary<long, List<ChangeRecord>>> ReadChangesAsync(
        DbConnection connection, DbTransaction transaction, string project, List<long> revisions, CancellationToken ct)
    {
        var result = new Dictionary<long, List<ChangeRecord>>();
        if (revisions.Count == 0)
            return result;
        await using var command = connection.Command(transaction,
            $"SELECT revision, kind, name, change, version, summary FROM {Changes} " +
            "WHERE project = @p AND revision >= @lo AND revision <= @hi ORDER BY revision, position",
            ("p", project), ("lo", revisions.Min()), ("hi", revisions.Max()));
        await using var reader = await command.ExecuteReaderAsync(ct);
        var wanted = revisions.ToHashSet();
        while (await reader.ReadAsync(ct))
        {
            var revision = reader.GetInt64(0);
            if (!wanted.Contains(revision))
                continue;
            if (!result.TryGetValue(revision, out var list))
                result[revision] = list = [];
            list.Add(new ChangeRecord(
                StoredNames.ParseKind(reader.GetString(1)),
                reader.GetString(2),
                StoredNames.ParseChange(reader.GetString(3)),
                reader.GetInt64(4),
                reader.GetString(5)));
        }

        return result;
    }

    private async Task<long> ReadRevisionAsync(DbConnection connection, DbTransaction? transaction, string project, CancellationToken ct) =>
        await connection.ScalarInt64Async(transaction, $"SELECT revision FROM {Projects} WHERE project = @p", ct, ("p", project)) ?? 0;

    // PostgreSQL keeps microseconds; truncating here makes the returned record equal what a later read gives.
    private static DateTimeOffset UtcNowMicroseconds()
    {
        var ticks = DateTimeOffset.UtcNow.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % 10), TimeSpan.Zero);
    }

    /// <summary>The tables both dialects share; only the timestamp column type differs.</summary>
    private protected string[] SchemaStatements(string timestampType) =>
    [
        $"CREATE TABLE IF NOT EXISTS {Projects} (project TEXT NOT NULL PRIMARY KEY, revision BIGINT NOT NULL)",
        $"CREATE TABLE IF NOT EXISTS {Objects} (project TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL, version BIGINT NOT NULL, " +
            $"definition_json TEXT NOT NULL, updated_at {timestampType} NOT NULL, PRIMARY KEY (project, kind, name))",
        $"CREATE TABLE IF NOT EXISTS {Applies} (project TEXT NOT NULL, revision BIGINT NOT NULL, actor TEXT NOT NULL, " +
            $"applied_at {timestampType} NOT NULL, PRIMARY KEY (project, revision))",
        $"CREATE TABLE IF NOT EXISTS {Changes} (project TEXT NOT NULL, revision BIGINT NOT NULL, position INTEGER NOT NULL, kind TEXT NOT NULL, " +
            "name TEXT NOT NULL, change TEXT NOT NULL, version BIGINT NOT NULL, summary TEXT NOT NULL, PRIMARY KEY (project, revision, position))",
        $"CREATE INDEX IF NOT EXISTS {Changes.Replace('.', '_')}_by_object ON {Changes} (project, kind, name)",
        .. MaterializationSchemaStatements(),
        .. AuditSchemaStatements(timestampType),
        .. TrainingSetSchemaStatements(timestampType),
    ];

    /// <summary>First line of a driver message, so user-facing errors stay one line.</summary>
    private protected static string FirstLine(string message)
    {
        var end = message.AsSpan().IndexOfAny('\r', '\n');
        return (end < 0 ? message : message[..end]).Trim();
    }
}
