using System.Collections.Concurrent;
using FeatureStore.Online.Encoding;
using Microsoft.Data.Sqlite;

namespace FeatureStore.Online.Sqlite;

/// <summary>
/// The embedded online store: one SQLite file in WAL mode, one row per (project, view, version, entity key) holding
/// the same compact row bytes as Redis. Writes run in one IMMEDIATE transaction per call with a guarded upsert per row.
/// </summary>
public sealed class SqliteOnlineStore : IOnlineStore
{
    private readonly string connectionString;
    private readonly int busyTimeoutMs;
    private readonly TimeProvider clock;
    private readonly ConcurrentDictionary<(string Project, string View, int Version, uint Id), RowSchema> schemas = new();
    private readonly SemaphoreSlim initLock = new(1, 1);
    private volatile bool initialized;

    static SqliteOnlineStore() => SQLitePCL.Batteries_V2.Init();

    public SqliteOnlineStore(string path, TimeSpan? operationTimeout = null, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FilePath = Path.GetFullPath(path);
        this.clock = clock ?? TimeProvider.System;
        busyTimeoutMs = (int)(operationTimeout ?? TimeSpan.FromSeconds(5)).TotalMilliseconds;
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = Math.Max(1, busyTimeoutMs / 1000),
            Pooling = true,
        }.ToString();
    }

    /// <summary>The absolute path of the database file.</summary>
    public string FilePath { get; }

    public async Task<OnlineWriteResult> WriteAsync(
        OnlineViewRef view, IReadOnlyList<string> featureNames, IReadOnlyList<OnlineRow> rows, OnlineWriteOptions? options = null, CancellationToken ct = default)
    {
        var prepared = PreparedWrite.Create(view, featureNames, rows, options, clock.GetUtcNow());
        if (rows.Count == 0)
            return new OnlineWriteResult(0, 0);
        return await RunAsync(connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            ClaimSchema(connection, transaction, view, prepared.Schema);
            using var upsert = Command(connection, transaction, SqliteSchema.Upsert, view);
            var key = upsert.Parameters.Add("$key", SqliteType.Blob);
            var ticks = upsert.Parameters.Add("$ticks", SqliteType.Integer);
            upsert.Parameters.AddWithValue("$expires", (object?)prepared.ExpiresTicks ?? DBNull.Value);
            var row = upsert.Parameters.Add("$row", SqliteType.Blob);
            upsert.Prepare();
            var written = 0;
            for (var i = 0; i < rows.Count; i++)
            {
                ct.ThrowIfCancellationRequested();
                key.Value = rows[i].Key.Encoded.ToArray();
                ticks.Value = prepared.EventTicks[i];
                row.Value = prepared.EncodedRows[i];
                written += upsert.ExecuteNonQuery();
            }
            using (var newest = Command(connection, transaction, SqliteSchema.RaiseNewest, view))
            {
                newest.Parameters.AddWithValue("$ticks", prepared.NewestEventTicks);
                newest.ExecuteNonQuery();
            }
            ct.ThrowIfCancellationRequested();
            transaction.Commit();
            return new OnlineWriteResult(written, rows.Count - written);
        }, ct).ConfigureAwait(false);
    }

    public Task<OnlineReadResult> ReadAsync(IReadOnlyList<OnlineReadRequest> requests, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        for (var r = 0; r < requests.Count; r++)
        {
            var request = requests[r] ?? throw new OnlineStoreException($"read request {r} is null");
            ViewRefRules.Validate(request.View);
            ArgumentNullException.ThrowIfNull(request.FeatureNames);
            ArgumentNullException.ThrowIfNull(request.EntityKeys);
            if (request.EntityKeys.Any(k => k is null))
                throw new OnlineStoreException($"read request {r} ({request.View}): an entity key is null");
        }
        return RunAsync(connection =>
        {
            var now = clock.GetUtcNow().UtcTicks;
            using var snapshot = connection.BeginTransaction(deferred: true);
            var results = new OnlineViewRows[requests.Count];
            for (var r = 0; r < requests.Count; r++)
            {
                var request = requests[r];
                using var select = Command(connection, snapshot, SqliteSchema.SelectRow, request.View);
                var key = select.Parameters.Add("$key", SqliteType.Blob);
                var rows = new OnlineEntityRow[request.EntityKeys.Count];
                var wanted = new WantedFeatures(request.FeatureNames);
                for (var e = 0; e < rows.Length; e++)
                {
                    ct.ThrowIfCancellationRequested();
                    key.Value = request.EntityKeys[e].Encoded.ToArray();
                    rows[e] = select.ExecuteScalar() is byte[] stored
                        ? Decode(connection, snapshot, request, wanted, stored, now)
                        : RowReader.Missing(request.FeatureNames.Count);
                }
                results[r] = new OnlineViewRows(request, rows);
            }
            return new OnlineReadResult(results);
        }, ct);
    }

    public Task DeleteViewAsync(OnlineViewRef view, CancellationToken ct = default)
    {
        ViewRefRules.Validate(view);
        return (Task)RunAsync(connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            using var delete = Command(connection, transaction, SqliteSchema.DeleteView, view);
            delete.ExecuteNonQuery();
            transaction.Commit();
            return true;
        }, ct);
    }

    public Task<int> DeleteEntitiesAsync(OnlineViewRef view, IReadOnlyList<EntityKey> keys, CancellationToken ct = default)
    {
        ViewRefRules.Validate(view);
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Any(k => k is null))
            throw new OnlineStoreException($"delete of {view}: an entity key is null");
        if (keys.Count == 0)
            return Task.FromResult(0);
        return RunAsync(connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            using var delete = Command(connection, transaction, SqliteSchema.DeleteEntity, view);
            var key = delete.Parameters.Add("$key", SqliteType.Blob);
            delete.Prepare();
            var deleted = 0;
            foreach (var entity in keys)
            {
                ct.ThrowIfCancellationRequested();
                key.Value = entity.Encoded.ToArray();
                deleted += delete.ExecuteNonQuery();
            }
            transaction.Commit();
            return deleted;
        }, ct);
    }

    public Task<IReadOnlyDictionary<OnlineViewRef, DateTimeOffset>> GetNewestEventTimestampsAsync(string project, CancellationToken ct = default)
    {
        ViewRefRules.ValidateProject(project);
        return RunAsync(connection =>
        {
            using var select = connection.CreateCommand();
            select.CommandText = SqliteSchema.SelectNewest;
            select.Parameters.AddWithValue("$project", project);
            using var reader = select.ExecuteReader();
            var newest = new Dictionary<OnlineViewRef, DateTimeOffset>();
            while (reader.Read())
                newest[new OnlineViewRef(project, reader.GetString(0), reader.GetInt32(1))] = new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero);
            return (IReadOnlyDictionary<OnlineViewRef, DateTimeOffset>)newest;
        }, ct);
    }

    public async ValueTask DisposeAsync()
    {
        initLock.Dispose();
        // Pooled connections keep the file open: a store opened later on a new file at the same path would read the old one.
        await using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private OnlineEntityRow Decode(SqliteConnection connection, SqliteTransaction snapshot, OnlineReadRequest request, WantedFeatures wanted, byte[] stored, long now)
    {
        if (!RowReader.TryReadLiveHeader(stored, now, request.View, out var schemaId, out var eventTicks, out var valuesStart))
            return RowReader.Missing(request.FeatureNames.Count);
        var view = request.View;
        if (!schemas.TryGetValue((view.Project, view.View, view.Version, schemaId), out var schema))
        {
            LoadSchemas(connection, snapshot, view);
            schema = schemas.GetValueOrDefault((view.Project, view.View, view.Version, schemaId))
                ?? throw new OnlineStoreException($"online row of {view} refers to feature list {schemaId:x8}, missing from {FilePath}");
        }
        return RowReader.Read(stored, schema, wanted, eventTicks, valuesStart, view);
    }

    private void LoadSchemas(SqliteConnection connection, SqliteTransaction snapshot, OnlineViewRef view)
    {
        using var select = Command(connection, snapshot, SqliteSchema.SelectSchemas, view);
        using var reader = select.ExecuteReader();
        while (reader.Read())
            schemas[(view.Project, view.View, view.Version, (uint)reader.GetInt64(0))] = RowSchema.Decode((byte[])reader.GetValue(1));
    }

    private void ClaimSchema(SqliteConnection connection, SqliteTransaction transaction, OnlineViewRef view, RowSchema schema)
    {
        using var claim = Command(connection, transaction, SqliteSchema.ClaimSchema, view);
        claim.Parameters.AddWithValue("$id", (long)schema.Id);
        claim.Parameters.AddWithValue("$names", schema.Encoded);
        if (claim.ExecuteScalar() is not byte[] stored || !stored.AsSpan().SequenceEqual(schema.Encoded))
            throw new OnlineStoreException(
                $"online view {view}: the feature list [{string.Join(", ", schema.Names)}] clashes with another stored list of this view; bump the view's version");
        schemas[(view.Project, view.View, view.Version, schema.Id)] = schema;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, OnlineViewRef view)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$project", view.Project);
        command.Parameters.AddWithValue("$view", view.View);
        command.Parameters.AddWithValue("$version", view.Version);
        return command;
    }

    // Opens a pooled connection, runs the work, and maps SQLite failures to a one-line unavailability naming the file.
    private async Task<T> RunAsync<T>(Func<SqliteConnection, T> work, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        try
        {
            await using var connection = new SqliteConnection(connectionString);
            var folder = Path.GetDirectoryName(FilePath);
            if (!string.IsNullOrEmpty(folder))
                Directory.CreateDirectory(folder);
            await connection.OpenAsync(ct).ConfigureAwait(false);
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = $"PRAGMA busy_timeout = {busyTimeoutMs}; PRAGMA synchronous = NORMAL";
                pragma.ExecuteNonQuery();
            }
            if (!initialized)
                await InitializeAsync(connection, ct).ConfigureAwait(false);
            return work(connection);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new OnlineStoreUnavailableException($"SQLite online store '{FilePath}' failed: {FirstLine(e.Message)}", e);
        }
    }

    private async Task InitializeAsync(SqliteConnection connection, CancellationToken ct)
    {
        await initLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (initialized)
                return;
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL;" + SqliteSchema.Create;
            command.ExecuteNonQuery();
            initialized = true;
        }
        finally
        {
            initLock.Release();
        }
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
