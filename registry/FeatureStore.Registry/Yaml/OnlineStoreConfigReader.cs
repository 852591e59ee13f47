using FeatureStore.Registry.Model;
using YamlDotNet.RepresentationModel;

namespace FeatureStore.Registry.Yaml;

/// <summary>
/// Reads the <c>online_store:</c> block of featurestore.yaml: type sqlite | redis | redis-cluster, path, connection_string
/// and the optional connect_timeout / operation_timeout (e.g. 250ms, 3s).
/// </summary>
internal static class OnlineStoreConfigReader
{
    private const string Block = "online_store";
    private static readonly string[] Keys = ["type", "path", "connection_string", "connect_timeout", "operation_timeout"];

    public static OnlineStoreConfig Read(YamlNode node, YamlSource source)
    {
        if (YamlMap.Open(node, "online store settings", source, Keys) is not { } map)
        {
            return OnlineStoreConfig.Default;
        }

        var type = map.Parse("type", "sqlite, redis or redis-cluster", ParseType) ?? OnlineStoreType.Sqlite;
        var path = RepoConfigReader.Expanded(map, "path", Block);
        var connectionString = RepoConfigReader.Expanded(map, "connection_string", Block);
        var connectTimeout = map.Parse("connect_timeout", StoreTimeoutParser.Expected, StoreTimeoutParser.Parse);
        var operationTimeout = map.Parse("operation_timeout", StoreTimeoutParser.Expected, StoreTimeoutParser.Parse);
        if (type == OnlineStoreType.Sqlite)
        {
            if (connectionString is not null)
            {
                map.Report(map.Get("connection_string")!, "connection_string applies to redis and redis-cluster online stores only; the sqlite online store takes a path");
            }

            return new OnlineStoreConfig(OnlineStoreType.Sqlite, path ?? OnlineStoreConfig.DefaultSqlitePath, null, connectTimeout, operationTimeout);
        }

        if (path is not null)
        {
            map.Report(map.Get("path")!, "path applies to the sqlite online store only; redis takes a connection_string");
        }

        if (connectionString is null)
        {
            map.Report(map.Node, "a redis online store needs a connection_string (e.g. \"127.0.0.1:6379\")");
        }

        return new OnlineStoreConfig(type, null, connectionString, connectTimeout, operationTimeout);
    }

    private static OnlineStoreType? ParseType(string text) => text.Trim() switch
    {
        "sqlite" => OnlineStoreType.Sqlite,
        "redis" => OnlineStoreType.Redis,
        "redis-cluster" => OnlineStoreType.RedisCluster,
        _ => null,
    };
}
