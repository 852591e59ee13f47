using FeatureStore.Registry.Model;

namespace FeatureStore.Online;

/// <summary>Maps the registry's plain <c>online_store:</c> settings (featurestore.yaml) to the online store's settings.</summary>
public static class OnlineStoreConfigExtensions
{
    public static OnlineStoreSettings ToOnlineStoreSettings(this OnlineStoreConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var kind = config.Type switch
        {
            OnlineStoreType.Redis => OnlineStoreKind.Redis,
            OnlineStoreType.RedisCluster => OnlineStoreKind.RedisCluster,
            _ => OnlineStoreKind.Sqlite,
        };
        return new OnlineStoreSettings(kind, config.Path, config.ConnectionString, config.ConnectTimeout, config.OperationTimeout);
    }
}
