namespace FeatureStore.Registry.Model;

public enum OnlineStoreType
{
    Sqlite,
    Redis,
    RedisCluster,
}

/// <summary>
/// The <c>online_store:</c> block of featurestore.yaml (plain settings; the online project maps them to its store).
/// For SQLite, <see cref="Path"/> is relative to the feature repo (default <c>.featurestore/online.db</c>);
/// for Redis <see cref="ConnectionString"/> is <c>host:port</c>, for Redis Cluster a comma-separated list of seeds.
/// <see cref="ConnectTimeout"/> and <see cref="OperationTimeout"/> bound each connect and each call (null: the store's default).
/// </summary>
public sealed record OnlineStoreConfig(
    OnlineStoreType Type,
    string? Path = null,
    string? ConnectionString = null,
    TimeSpan? ConnectTimeout = null,
    TimeSpan? OperationTimeout = null)
{
    public const string DefaultSqlitePath = ".featurestore/online.db";

    public static OnlineStoreConfig Default { get; } = new(OnlineStoreType.Sqlite, DefaultSqlitePath);
}
