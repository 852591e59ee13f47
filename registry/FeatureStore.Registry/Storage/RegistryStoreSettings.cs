namespace FeatureStore.Registry.Storage;

public enum RegistryStoreKind
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Which registry store a project uses (the <c>registry:</c> block of featurestore.yaml).
/// For SQLite, <see cref="Path"/> is relative to the feature repo (default <c>.featurestore/registry.db</c>).
/// For PostgreSQL, <see cref="ConnectionString"/> is an Npgsql connection string.
/// </summary>
public sealed record RegistryStoreSettings(RegistryStoreKind Kind, string? Path = null, string? ConnectionString = null)
{
    public const string DefaultSqlitePath = ".featurestore/registry.db";

    public static RegistryStoreSettings Default { get; } = new(RegistryStoreKind.Sqlite, DefaultSqlitePath);
}
