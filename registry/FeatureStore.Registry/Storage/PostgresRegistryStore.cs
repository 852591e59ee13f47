using System.Data;
using System.Data.Common;
using Npgsql;

namespace FeatureStore.Registry.Storage;

/// <summary>
/// The shared registry: tables in schema <c>featurestore</c> of a PostgreSQL database, reached through one
/// <see cref="NpgsqlDataSource"/> held for the store's lifetime. Commits rely on the row lock of the project's
/// revision row: a concurrent apply waits, then sees the bumped revision and fails with a conflict.
/// </summary>
public sealed class PostgresRegistryStore : SqlRegistryStore
{
    public const string SchemaName = "featurestore";

    // Serializes schema creation across processes: concurrent CREATE ... IF NOT EXISTS can still collide in the catalog.
    private const long SchemaLockKey = 0x46535245_47495354; // "FSREGIST"
    private const int DefaultConnectTimeoutSeconds = 5;

    private readonly NpgsqlDataSource dataSource;

    public PostgresRegistryStore(string connectionString)
        : base(tablePrefix: SchemaName + ".")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!MentionsTimeout(connectionString))
            builder.Timeout = DefaultConnectTimeoutSeconds;
        Endpoint = $"{builder.Host}:{builder.Port}/{builder.Database}";
        dataSource = NpgsqlDataSource.Create(builder);
    }

    /// <summary>host:port/database, for messages.</summary>
    public string Endpoint { get; }

    private protected override async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        try
        {
            return await dataSource.OpenConnectionAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException && !ct.IsCancellationRequested)
        {
            throw new RegistryUnavailableException($"PostgreSQL registry at {Endpoint} is unavailable: {FirstLine(e.Message)}", e);
        }
    }

    private protected override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct) =>
        await ((NpgsqlConnection)connection).BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);

    private protected override async Task<DbTransaction> BeginSnapshotReadAsync(DbConnection connection, CancellationToken ct) =>
        await ((NpgsqlConnection)connection).BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);

    private protected override string AuditIdColumn => "id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";

    private protected override string ColumnExistsQuery =>
        $"SELECT count(*) FROM information_schema.columns WHERE table_schema = '{SchemaName}' AND table_name = @t AND column_name = @c";

    private protected override async Task CreateSchemaAsync(DbConnection connection, CancellationToken ct)
    {
        await using var transaction = await BeginWriteAsync(connection, ct);
        await connection.ExecuteAsync(transaction, "SELECT pg_advisory_xact_lock(@key)", ct, ("key", SchemaLockKey));
        await connection.ExecuteAsync(transaction, $"CREATE SCHEMA IF NOT EXISTS {SchemaName}", ct);
        foreach (var statement in SchemaStatements(timestampType: "TIMESTAMPTZ"))
            await connection.ExecuteAsync(transaction, statement, ct);
        await MigrateMaterializationAsync(connection, transaction, ct);
        await transaction.CommitAsync(ct);
    }

    public override async ValueTask DisposeAsync()
    {
        await dataSource.DisposeAsync();
        await base.DisposeAsync();
    }

    private static bool MentionsTimeout(string connectionString)
    {
        var raw = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return raw.ContainsKey("Timeout") || raw.ContainsKey("Connect Timeout") || raw.ContainsKey("Connection Timeout");
    }
}
