namespace FeatureStore.Online;

public enum OnlineStoreKind
{
    Sqlite,
    Redis,
    RedisCluster,
}

/// <summary>
/// Which online store a project uses (the <c>online_store:</c> block of featurestore.yaml, e.g.
/// <c>{type: redis, connection_string: "127.0.0.1:6379"}</c>). For SQLite, <see cref="Path"/> is relative to the feature
/// repo (default <c>.featurestore/online.db</c>). For Redis, <see cref="ConnectionString"/> is <c>host:port</c>; for
/// Redis Cluster a comma-separated list of <c>host:port</c> seeds. Timeouts bound every call.
/// </summary>
public sealed record OnlineStoreSettings(
    OnlineStoreKind Kind,
    string? Path = null,
    string? ConnectionString = null,
    TimeSpan? ConnectTimeout = null,
    TimeSpan? OperationTimeout = null)
{
    public const string DefaultSqlitePath = ".featurestore/online.db";

    public static OnlineStoreSettings Default { get; } = new(OnlineStoreKind.Sqlite, DefaultSqlitePath);

    public TimeSpan EffectiveConnectTimeout => ConnectTimeout ?? TimeSpan.FromSeconds(3);

    public TimeSpan EffectiveOperationTimeout => OperationTimeout ?? TimeSpan.FromSeconds(5);

    /// <summary>Parses the YAML <c>type</c> spelling: sqlite, redis, redis-cluster (null for anything else).</summary>
    public static OnlineStoreKind? ParseKind(string? type) => type?.Trim().ToLowerInvariant() switch
    {
        "sqlite" => OnlineStoreKind.Sqlite,
        "redis" => OnlineStoreKind.Redis,
        "redis-cluster" or "redis_cluster" => OnlineStoreKind.RedisCluster,
        _ => null,
    };
}
