using FeatureStore.Registry.Storage;
using Npgsql;

namespace FeatureStore.Registry.Tests.Storage;

/// <summary>The store contract against PostgreSQL (FEATURESTORE_TEST_PG), each test in its own fresh database.</summary>
public sealed class PostgresRegistryStoreTests : RegistryStoreContractTests
{
    private PostgresTestDatabase? database;

    private PostgresTestDatabase Database => database ?? throw new InvalidOperationException("test database not created");

    protected override string UnreachableLocation => "127.0.0.1:1";

    public override async Task InitializeAsync() => database = await PostgresTestDatabase.CreateAsync();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (database is not null)
            await database.DisposeAsync();
    }

    protected override IRegistryStore CreateStore() => new PostgresRegistryStore(Database.ConnectionString);

    protected override IRegistryStore CreateUnreachableStore() =>
        new PostgresRegistryStore("Host=127.0.0.1;Port=1;Username=postgres;Database=postgres");

    [Fact]
    public async Task Factory_opens_a_postgres_store_whose_tables_live_in_the_featurestore_schema()
    {
        var store = Track(RegistryStoreFactory.Open(new RegistryStoreSettings(RegistryStoreKind.Postgres, ConnectionString: Database.ConnectionString), "/unused"));

        await store.InitializeAsync();
        await store.InitializeAsync();

        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = 'featurestore'", connection);
        Assert.Equal("applies,audit,changes,materialization_partitions,materialization_runs,materialization_watermarks,objects,projects,training_sets", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Missing_database_is_reported_as_unavailable_naming_it()
    {
        var builder = new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Database = "no_such_db_here" };
        var store = Track(new PostgresRegistryStore(builder.ConnectionString));

        var error = await Assert.ThrowsAsync<RegistryUnavailableException>(() => store.LoadAsync("demo"));

        Assert.Contains("no_such_db_here", error.Message, StringComparison.Ordinal);
    }
}
