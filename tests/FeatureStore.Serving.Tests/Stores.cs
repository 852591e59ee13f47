using FeatureStore.Online;

namespace FeatureStore.Serving.Tests;

internal static class Stores
{
    /// <summary>An embedded SQLite online store in a fresh temp folder (the folder is left to the OS temp cleanup).</summary>
    public static IOnlineStore Sqlite() =>
        OnlineStoreFactory.Open(new OnlineStoreSettings(OnlineStoreKind.Sqlite, "online.db"), Directory.CreateTempSubdirectory("fs-online-").FullName);

    public static StubOnlineStore Stub() => new(Sqlite());
}
