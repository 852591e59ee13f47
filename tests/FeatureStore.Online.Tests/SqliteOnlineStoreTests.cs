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

    [Fact]
    public async Task A_store_opened_on_a_new_file_at_a_disposed_store_path_reads_the_new_file()
    {
        var path = Path.Combine(folder, "replaced.db");
        var stats = new OnlineViewRef("p", "driver_stats", 1);
        var first = new SqliteOnlineStore(path);
        await first.WriteAsync(stats, ["trips"], [Samples.Row(Samples.Driver(1), Samples.T0, FeatureValue.FromInt64(3))]);
        await first.DisposeAsync();
        File.Delete(path);

        await using var second = new SqliteOnlineStore(path);
        var result = await second.ReadAsync([new OnlineReadRequest(stats, ["trips"], [Samples.Driver(1)])]);

        Assert.False(result.Requests[0].Rows[0].Found);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
