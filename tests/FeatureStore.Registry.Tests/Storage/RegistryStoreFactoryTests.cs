using FeatureStore.Registry.Storage;

namespace FeatureStore.Registry.Tests.Storage;

public sealed class RegistryStoreFactoryTests
{
    [Fact]
    public async Task Relative_sqlite_path_is_resolved_against_the_repo_folder()
    {
        await using var store = RegistryStoreFactory.Open(new RegistryStoreSettings(RegistryStoreKind.Sqlite, "state/reg.db"), "/some/repo");

        Assert.Equal("/some/repo/state/reg.db", Assert.IsType<SqliteRegistryStore>(store).FilePath);
    }

    [Fact]
    public async Task Absolute_sqlite_path_is_kept()
    {
        await using var store = RegistryStoreFactory.Open(new RegistryStoreSettings(RegistryStoreKind.Sqlite, "/var/fs/reg.db"), "/some/repo");

        Assert.Equal("/var/fs/reg.db", Assert.IsType<SqliteRegistryStore>(store).FilePath);
    }

    [Fact]
    public async Task Postgres_settings_open_a_postgres_store_naming_its_endpoint()
    {
        await using var store = RegistryStoreFactory.Open(
            new RegistryStoreSettings(RegistryStoreKind.Postgres, ConnectionString: "Host=db.internal;Port=6543;Database=registry"), "/repo");

        Assert.Equal("db.internal:6543/registry", Assert.IsType<PostgresRegistryStore>(store).Endpoint);
    }

    [Fact]
    public void Postgres_settings_without_a_connection_string_are_rejected_in_one_line()
    {
        var error = Assert.Throws<RegistryStoreException>(() => RegistryStoreFactory.Open(new RegistryStoreSettings(RegistryStoreKind.Postgres), "/repo"));

        Assert.Contains("connection_string", error.Message, StringComparison.Ordinal);
    }
}
