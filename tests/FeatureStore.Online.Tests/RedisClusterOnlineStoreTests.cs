namespace FeatureStore.Online.Tests;

public sealed class RedisClusterOnlineStoreTests : OnlineStoreContractTests
{
    private readonly int deadPort = TestServers.DeadPort();

    protected override IOnlineStore CreateStore() =>
        OnlineStoreFactory.Open(new OnlineStoreSettings(OnlineStoreKind.RedisCluster, ConnectionString: TestServers.RedisCluster), ".");

    protected override IOnlineStore CreateUnreachableStore() =>
        OnlineStoreFactory.Open(new OnlineStoreSettings(OnlineStoreKind.RedisCluster, ConnectionString: $"127.0.0.1:{deadPort}"), ".");

    protected override string UnreachableName => $"127.0.0.1:{deadPort}";
}
