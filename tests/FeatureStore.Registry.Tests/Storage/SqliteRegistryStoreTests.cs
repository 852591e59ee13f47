using FeatureStore.Registry.Storage;

namespace FeatureStore.Registry.Tests.Storage;

/// <summary>The store contract against the embedded SQLite store, plus SQLite-specific behaviour.</summary>
public sealed class SqliteRegistryStoreTests : RegistryStoreContractTests
{
    private readonly TempFolder folder = new();

    private string DatabasePath => Path.Combine(folder.Path, ".featurestore", "registry.db");

    protected override string UnreachableLocation => "not-a-database.db";

    protected override IRegistryStore CreateStore() => new SqliteRegistryStore(DatabasePath);

    protected override IRegistryStore CreateUnreachableStore()
    {
        var path = Path.Combine(folder.Path, "not-a-database.db");
        File.WriteAllText(path, string.Concat(Enumerable.Repeat("this is not an SQLite file. ", 200)));
        return new SqliteRegistryStore(path);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task Factory_opens_the_default_file_under_the_repo_in_wal_mode()
    {
        var store = Track(RegistryStoreFactory.Open(RegistryStoreSettings.Default, folder.Path));

        await store.InitializeAsync();

        Assert.True(File.Exists(DatabasePath));
        var header = new byte[20];
        await using (var file = new FileStream(DatabasePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            await file.ReadExactlyAsync(header);
        // Bytes 18 and 19 of the header are the file format versions: 2 means WAL.
        Assert.Equal([2, 2], header[18..20]);
    }

    [Fact]
    public async Task Folder_that_cannot_be_created_makes_the_store_unavailable()
    {
        var blocker = Path.Combine(folder.Path, "plain-file");
        await File.WriteAllTextAsync(blocker, "x");
        var store = Track(new SqliteRegistryStore(Path.Combine(blocker, "registry.db")));

        var error = await Assert.ThrowsAsync<RegistryUnavailableException>(() => store.InitializeAsync());

        Assert.Contains("plain-file", error.Message, StringComparison.Ordinal);
    }
}
