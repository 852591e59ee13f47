using System.Data.Common;

namespace FeatureStore.Registry.Storage;

// Materialization watermarks, run records and completed partitions. Instants are stored as UTC ticks (BIGINT) in both dialects.
public abstract partial class SqlRegistryStore
{
    private const string RunColumns =
        "run_id, view_name, status, started_ticks, duration_ticks, window_start_ticks, window_end_ticks, rows_read, rows_written, " +
        "rows_skipped_older, rows_quarantined, rows_warned, newest_event_ticks, error, host, pid, heartbeat_ticks";

    // Columns added after the first release of the runs table: name and SQL type; upgraded in place by MigrateMaterializationAsync.
    private static readonly (string Name, string Type)[] AddedRunColumns = [("host", "TEXT NULL"), ("pid", "BIGINT NULL"), ("heartbeat_ticks", "BIGINT NULL")];

    private protected string Watermarks { get; }
    private protected string Runs { get; }
    private protected string Partitions { get; }

    /// <summary>A query counting the columns named @c of table @t (bare name, without schema): 0 or 1.</summary>
    private protected abstract string ColumnExistsQuery { get; }

    public async Task<IReadOnlyList<MaterializationWatermark>> GetWatermarksAsync(string project, CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command(null,
            $"SELECT view_name, event_ticks, created_ticks, updated_ticks FROM {Watermarks} WHERE project = @p ORDER BY view_name",
            ("p", project));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<MaterializationWatermark>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new MaterializationWatermark(
                reader.GetString(0), Instant(reader.GetInt64(1)), reader.IsDBNull(2) ? null : Instant(reader.GetInt64(2)), Instant(reader.GetInt64(3))));
        }

        return result;
    }

    public async Task AdvanceWatermarkAsync(string project, MaterializationWatermark watermark, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(watermark);
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        (string, object?) p = ("p", project), v = ("v", watermark.View);
        long? storedEvent = null, storedCreated = null;
        await using (var command = connection.Command(transaction,
            $"SELECT event_ticks, created_ticks FROM {Watermarks} WHERE project = @p AND view_name = @v", p, v))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                storedEvent = reader.GetInt64(0);
                storedCreated = reader.IsDBNull(1) ? null : reader.GetInt64(1);
            }
        }

        var eventTicks = Math.Max(storedEvent ?? long.MinValue, watermark.EventWatermark.UtcTicks);
        long? createdTicks = (storedCreated, watermark.CreatedWatermark?.UtcTicks) switch
        {
            ({ } a, { } b) => Math.Max(a, b),
            (var a, var b) => a ?? b,
        };
        await connection.ExecuteAsync(transaction,
            $"INSERT INTO {Watermarks} (project, view_name, event_ticks, created_ticks, updated_ticks) VALUES (@p, @v, @e, @c, @u) " +
            "ON CONFLICT (project, view_name) DO UPDATE SET event_ticks = excluded.event_ticks, created_ticks = excluded.created_ticks, updated_ticks = excluded.updated_ticks",
            cancellationToken, p, v, ("e", eventTicks), ("c", createdTicks), ("u", watermark.UpdatedAt.UtcTicks));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task RecordRunAsync(string project, MaterializationRunRecord run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteAsync(null,
            $"INSERT INTO {Runs} (project, {RunColumns}) " +
            "VALUES (@p, @id, @v, @s, @st, @d, @ws, @we, @r, @w, @sk, @q, @wa, @n, @err, @h, @pid, @hb) " +
            "ON CONFLICT (project, run_id, view_name) DO UPDATE SET status = excluded.status, duration_ticks = excluded.duration_ticks, " +
            "rows_read = excluded.rows_read, rows_written = excluded.rows_written, rows_skipped_older = excluded.rows_skipped_older, " +
            "rows_quarantined = excluded.rows_quarantined, rows_warned = excluded.rows_warned, newest_event_ticks = excluded.newest_event_ticks, error = excluded.error, " +
            "host = excluded.host, pid = excluded.pid, heartbeat_ticks = excluded.heartbeat_ticks",
            cancellationToken,
            ("p", project), ("id", run.RunId), ("v", run.View), ("s", run.Status.ToString().ToLowerInvariant()),
            ("st", run.StartedAt.UtcTicks), ("d", run.Duration.Ticks), ("ws", run.WindowStart.UtcTicks), ("we", run.WindowEnd.UtcTicks),
            ("r", run.RowsRead), ("w", run.RowsWritten), ("sk", run.RowsSkippedOlder), ("q", run.RowsQuarantined), ("wa", run.RowsWarned),
            ("n", run.NewestEventWritten?.UtcTicks), ("err", run.Error), ("h", run.Host), ("pid", (long?)run.ProcessId), ("hb", run.HeartbeatAt?.UtcTicks));
    }

    public async Task<IReadOnlyList<MaterializationRunRecord>> GetRunningRunsAsync(string project, CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command(null,
            $"SELECT {RunColumns} FROM {Runs} WHERE project = @p AND status = @s ORDER BY started_ticks, run_id, view_name",
            ("p", project), ("s", "running"));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<MaterializationRunRecord>();
        while (await reader.ReadAsync(cancellationToken))
            result.Add(ReadRun(reader));
        return result;
    }

    public async Task<bool> MarkRunAbandonedAsync(string project, string runId, string view, string reason, CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(null,
            $"UPDATE {Runs} SET status = @a, error = @r WHERE project = @p AND run_id = @id AND view_name = @v AND status = @s",
            cancellationToken, ("a", "abandoned"), ("r", reason), ("p", project), ("id", runId), ("v", view), ("s", "running"));
        return changed > 0;
    }

    public async Task RecordPartitionDoneAsync(string project, string workKey, int partition, string runId, CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteAsync(null,
            $"INSERT INTO {Partitions} (project, work_key, partition_index, run_id, done_ticks) VALUES (@p, @k, @i, @id, @t) " +
            "ON CONFLICT (project, work_key, partition_index) DO NOTHING",
            cancellationToken, ("p", project), ("k", workKey), ("i", partition), ("id", runId), ("t", DateTimeOffset.UtcNow.UtcTicks));
    }

    public async Task<IReadOnlySet<int>> GetDonePartitionsAsync(string project, string workKey, CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.Command(null,
            $"SELECT partition_index FROM {Partitions} WHERE project = @p AND work_key = @k", ("p", project), ("k", workKey));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var done = new HashSet<int>();
        while (await reader.ReadAsync(cancellationToken))
            done.Add(Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        return done;
    }

    public async Task ClearDonePartitionsAsync(string project, string workKey, CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteAsync(null, $"DELETE FROM {Partitions} WHERE project = @p AND work_key = @k", cancellationToken, ("p", project), ("k", workKey));
    }

    public async Task<IReadOnlyList<MaterializationRunRecord>> GetRunsAsync(
        string project, string? view = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        var sql = $"SELECT {RunColumns} FROM {Runs} WHERE project = @p" +
                  (view is null ? "" : " AND view_name = @v") + " ORDER BY started_ticks DESC, run_id DESC, view_name LIMIT @limit";
        (string, object?)[] parameters = view is null
            ? [("p", project), ("limit", Math.Max(0, limit))]
            : [("p", project), ("v", view), ("limit", Math.Max(0, limit))];
        await using var command = connection.Command(null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<MaterializationRunRecord>();
        while (await reader.ReadAsync(cancellationToken))
            result.Add(ReadRun(reader));
        return result;
    }

    private static MaterializationRunRecord ReadRun(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        Enum.Parse<MaterializationRunStatus>(reader.GetString(2), ignoreCase: true),
        Instant(reader.GetInt64(3)),
        TimeSpan.FromTicks(reader.GetInt64(4)),
        Instant(reader.GetInt64(5)),
        Instant(reader.GetInt64(6)),
        reader.GetInt64(7),
        reader.GetInt64(8),
        reader.GetInt64(9),
        reader.GetInt64(10),
        reader.GetInt64(11),
        reader.IsDBNull(12) ? null : Instant(reader.GetInt64(12)),
        reader.IsDBNull(13) ? null : reader.GetString(13),
        reader.IsDBNull(14) ? null : reader.GetString(14),
        reader.IsDBNull(15) ? null : (int)reader.GetInt64(15),
        reader.IsDBNull(16) ? null : Instant(reader.GetInt64(16)));

    private static DateTimeOffset Instant(long utcTicks) => new(utcTicks, TimeSpan.Zero);

    private string[] MaterializationSchemaStatements() =>
    [
        $"CREATE TABLE IF NOT EXISTS {Watermarks} (project TEXT NOT NULL, view_name TEXT NOT NULL, event_ticks BIGINT NOT NULL, " +
            "created_ticks BIGINT NULL, updated_ticks BIGINT NOT NULL, PRIMARY KEY (project, view_name))",
        $"CREATE TABLE IF NOT EXISTS {Runs} (project TEXT NOT NULL, run_id TEXT NOT NULL, view_name TEXT NOT NULL, status TEXT NOT NULL, " +
            "started_ticks BIGINT NOT NULL, duration_ticks BIGINT NOT NULL, window_start_ticks BIGINT NOT NULL, window_end_ticks BIGINT NOT NULL, " +
            "rows_read BIGINT NOT NULL, rows_written BIGINT NOT NULL, rows_skipped_older BIGINT NOT NULL, rows_quarantined BIGINT NOT NULL, " +
            "rows_warned BIGINT NOT NULL, newest_event_ticks BIGINT NULL, error TEXT NULL, PRIMARY KEY (project, run_id, view_name))",
        $"CREATE TABLE IF NOT EXISTS {Partitions} (project TEXT NOT NULL, work_key TEXT NOT NULL, partition_index INTEGER NOT NULL, " +
            "run_id TEXT NOT NULL, done_ticks BIGINT NOT NULL, PRIMARY KEY (project, work_key, partition_index))",
    ];

    /// <summary>Upgrades a runs table created before host/pid/heartbeat existed (inside the schema transaction).</summary>
    private protected async Task MigrateMaterializationAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        var table = Runs[(Runs.LastIndexOf('.') + 1)..];
        foreach (var (name, type) in AddedRunColumns)
        {
            if (await connection.ScalarInt64Async(transaction, ColumnExistsQuery, ct, ("t", table), ("c", name)) is null or 0)
                await connection.ExecuteAsync(transaction, $"ALTER TABLE {Runs} ADD COLUMN {name} {type}", ct);
        }
    }
}
