using FeatureStore.Online.Redis;
using FeatureStore.Online.Sqlite;

namespace FeatureStore.Online;

/// <summary>Opens the online store named by settings. Nothing fails for an unreachable server here: calls do.</summary>
public static class OnlineStoreFactory
{
    /// <param name="settings">The repo's <c>online_store:</c> settings.</param>
    /// <param name="repoDir">The feature repo folder; a relative SQLite path is resolved against it.</param>
    public static IOnlineStore Open(OnlineStoreSettings settings, string repoDir)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Kind switch
        {
            OnlineStoreKind.Sqlite => new SqliteOnlineStore(
                System.IO.Path.Combine(repoDir, string.IsNullOrWhiteSpace(settings.Path) ? OnlineStoreSettings.DefaultSqlitePath : settings.Path),
                settings.EffectiveOperationTimeout),
            OnlineStoreKind.Redis or OnlineStoreKind.RedisCluster => RedisOnlineStore.Connect(
                string.IsNullOrWhiteSpace(settings.ConnectionString)
                    ? throw new OnlineStoreException($"online_store: a {settings.Kind} store needs a connection_string")
                    : settings.ConnectionString,
                settings),
            _ => throw new OnlineStoreException($"online_store: unknown store kind '{settings.Kind}'"),
        };
    }
}
