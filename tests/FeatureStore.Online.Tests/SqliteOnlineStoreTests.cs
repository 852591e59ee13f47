using FeatureStore.Online.Sqlite;

namespace FeatureStore.Online.Tests;

public sealed class SqliteOnlineStoreTests : OnlineStoreContractTests, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fs-online-").FullName;

    protected override IOnlineStore CreateStore() => new SqliteOnlineStore(Path.Combine(folder, "online.db"));

    // A path under a regular file can never be opened.
    protected override IOnlineStore CreateUnreachableStore()
    {
        File.WriteAllText(Path.Combine(folder, "not-a-folder"), "x");
        return new SqliteOnlineStore(Path.Combine(folder, "not-a-folder", "online.db"));
    }

    protected override string UnreachableName => "not-a-folder";

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
