using Npgsql;

namespace FeatureStore.Cli.Tests;

/// <summary>The PostgreSQL server started by test.sh. Tests fail, never skip, when it is missing.</summary>
internal static class TestPostgres
{
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("FEATURESTORE_TEST_PG") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("FEATURESTORE_TEST_PG is not set: run the tests through ./test.sh, which starts PostgreSQL");

    /// <summary>Creates a fresh database for one test and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var name = "fs_cli_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
    }
}
