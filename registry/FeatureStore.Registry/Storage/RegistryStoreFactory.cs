namespace FeatureStore.Registry.Storage;

/// <summary>Opens the store a feature repo's settings name. Nothing is contacted until the first call on the store.</summary>
public static class RegistryStoreFactory
{
    /// <param name="settings">The repo's <c>registry:</c> settings.</param>
    /// <param name="repoDir">The feature repo folder; a relative SQLite path is resolved against it.</param>
    public static IRegistryStore Open(RegistryStoreSettings settings, string repoDir)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Kind switch
        {
            RegistryStoreKind.Sqlite => new SqliteRegistryStore(
                Path.Combine(repoDir, string.IsNullOrWhiteSpace(settings.Path) ? RegistryStoreSettings.DefaultSqlitePath : settings.Path)),
            RegistryStoreKind.Postgres => new PostgresRegistryStore(
                string.IsNullOrWhiteSpace(settings.ConnectionString)
                    ? throw new RegistryStoreException("registry: a postgres registry needs a connection_string")
                    : settings.ConnectionString),
            _ => throw new RegistryStoreException($"registry: unknown store kind '{settings.Kind}'"),
        };
    }
}
