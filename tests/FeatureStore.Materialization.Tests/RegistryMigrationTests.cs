using FeatureStore.Registry.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FeatureStore.Materialization.Tests;

/// <summary>
/// A registry database created before run records had host, pid and heartbeat is upgraded in place when a store opens
/// it: old records stay readable, new ones carry the new fields, and the partitions table appears (SQLite and PostgreSQL).
/// </summary>
public sealed class RegistryMigrationTests
{
    private const string OldRunsTable =
        "CREATE TABLE {0}materialization_runs (project TEXT NOT NULL, run_id TEXT NOT NULL, view_name TEXT NOT NULL, status TEXT NOT NULL, " +
        "started_ticks BIGINT NOT NULL, duration_ticks BIGINT NOT NULL, window_start_ticks BIGINT NOT NULL, window_end_ticks BIGINT NOT NULL, " +
        "rows_read BIGINT NOT NULL, rows_written BIGINT NOT NULL, rows_skipped_older BIGINT NOT NULL, rows_quarantined BIGINT NOT NULL, " +
        "rows_warned BIGINT NOT NULL, newest_event_ticks BIGINT NULL, error TEXT NULL, PRIMARY KEY (project, run_id, view_name))";

    private const string OldRun =
        "INSERT INTO {0}materialization_runs VALUES ('p', 'old-run', 'v', 'running', 638000000000000000, 0, 0, 1, 10, 5, 0, 0, 0, NULL, NULL)";

    [Fact]
    public async Task An_old_sqlite_registry_is_upgraded_in_place()
    {
        var dir = Directory.CreateTempSubdirectory("fs-migrate-").FullName;
        try
        {
            var path = Path.Combine(dir, "registry.db");
            await using (var connection = new SqliteConnection($"Data Source={path}"))
            {
                await connection.OpenAsync();
                foreach (var sql in new[] { string.Format(null, OldRunsTable, ""), string.Format(null, OldRun, "") })
                {
                    await using var command = new SqliteCommand(sql, connection);
                    await command.ExecuteNonQueryAsync();
                }
            }

            SqliteConnection.ClearAllPools();
            await using var store = new SqliteRegistryStore(path);
            await CheckUpgradedAsync(store);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task An_old_postgres_registry_is_upgraded_in_place()
    {
        var server = Environment.GetEnvironmentVariable("FEATURESTORE_TEST_PG");
        Assert.False(string.IsNullOrWhiteSpace(server), "FEATURESTORE_TEST_PG is not set: run ./test.sh, or start one with deploy/postgres.sh start DIR and export it");
        var name = "fs_migrate_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(server!, $"CREATE DATABASE {name}");
        try
        {
            var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
            await ExecuteAsync(connectionString, "CREATE SCHEMA featurestore");
            await ExecuteAsync(connectionString, string.Format(null, OldRunsTable, "featurestore."));
            await ExecuteAsync(connectionString, string.Format(null, OldRun, "featurestore."));
            await using (var store = new PostgresRegistryStore(connectionString))
                await CheckUpgradedAsync(store);
            NpgsqlConnection.ClearAllPools();
        }
        finally
        {
            await ExecuteAsync(server!, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    private static async Task CheckUpgradedAsync(IRegistryStore store)
    {
        var old = Assert.Single(await store.GetRunningRunsAsync("p"));
        Assert.Equal(("old-run", (string?)null, (int?)null, (DateTimeOffset?)null), (old.RunId, old.Host, old.ProcessId, old.HeartbeatAt));
        var beat = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await store.RecordRunAsync("p", old with { RunId = "new-run", Host = "h", ProcessId = 7, HeartbeatAt = beat });
        var fresh = Assert.Single(await store.GetRunsAsync("p"), r => r.RunId == "new-run");
        Assert.Equal(("h", (int?)7, (DateTimeOffset?)beat), (fresh.Host, fresh.ProcessId, fresh.HeartbeatAt));
        Assert.True(await store.MarkRunAbandonedAsync("p", "old-run", "v", "gone"));
        Assert.False(await store.MarkRunAbandonedAsync("p", "old-run", "v", "gone again"));
        await store.RecordPartitionDoneAsync("p", "k", 3, "new-run");
        await store.RecordPartitionDoneAsync("p", "k", 3, "new-run");
        Assert.Equal([3], await store.GetDonePartitionsAsync("p", "k"));
        await store.ClearDonePartitionsAsync("p", "k");
        Assert.Empty(await store.GetDonePartitionsAsync("p", "k"));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
