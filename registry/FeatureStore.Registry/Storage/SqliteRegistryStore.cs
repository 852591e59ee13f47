using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace FeatureStore.Registry.Storage;

/// <summary>
/// The embedded registry: one SQLite file in WAL mode. Writers take the write lock at BEGIN (IMMEDIATE), and a
/// busy timeout makes a second process wait for it instead of failing.
/// </summary>
public sealed class SqliteRegistryStore : SqlRegistryStore
{
    private const int BusyTimeoutSeconds = 30;
    private readonly string connectionString;

    static SqliteRegistryStore() => SQLitePCL.Batteries_V2.Init();

    public SqliteRegistryStore(string path)
        : base(tablePrefix: "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FilePath = Path.GetFullPath(path);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = BusyTimeoutSeconds,
            Pooling = true,
        }.ToString();
    }

    /// <summary>The absolute path of the registry file.</summary>
    public string FilePath { get; }

    private protected override async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            var folder = Path.GetDirectoryName(FilePath);
            if (!string.IsNullOrEmpty(folder))
                Directory.CreateDirectory(folder);
            await connection.OpenAsync(ct);
            // Reading a pragma touches the file, so a non-database file fails here rather than mid-apply.
            await connection.ExecuteAsync(null, $"PRAGMA busy_timeout = {BusyTimeoutSeconds * 1000}", ct);
            await connection.ScalarInt64Async(null, "SELECT count(*) FROM sqlite_master", ct);
            return connection;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            await connection.DisposeAsync();
            throw new RegistryUnavailableException($"SQLite registry file '{FilePath}' cannot be opened: {FirstLine(e.Message)}", e);
        }
    }

    // BEGIN IMMEDIATE: the write lock is taken (or waited for) up front, so two writers never deadlock on upgrade.
    private protected override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    private protected override Task<DbTransaction> BeginSnapshotReadAsync(DbConnection connection, CancellationToken ct) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    private protected override string AuditIdColumn => "id INTEGER PRIMARY KEY AUTOINCREMENT";

    private protected override string ColumnExistsQuery => "SELECT count(*) FROM pragma_table_info(@t) WHERE name = @c";

    private protected override async Task CreateSchemaAsync(DbConnection connection, CancellationToken ct)
    {
        // WAL is a property of the file: set once, readers then never block the writer.
        await connection.ExecuteAsync(null, "PRAGMA journal_mode = WAL", ct);
        await using var transaction = await BeginWriteAsync(connection, ct);
        foreach (var statement in SchemaStatements(timestampType: "TEXT"))
            await connection.ExecuteAsync(transaction, statement, ct);
        await MigrateMaterializationAsync(connection, transaction, ct);
        await transaction.CommitAsync(ct);
    }

    public override async ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open; release them so the repo folder can be moved or deleted.
        await using (var connection = new SqliteConnection(connectionString))
            SqliteConnection.ClearPool(connection);
        await base.DisposeAsync();
    }
}
