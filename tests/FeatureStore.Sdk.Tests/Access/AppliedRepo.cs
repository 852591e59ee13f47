using FeatureStore.Sdk.Tests.Session;

namespace FeatureStore.Sdk.Tests.Access;

/// <summary>The sample repo of <c>featurestore init</c>, applied, opened with a clock the test controls.</summary>
internal sealed class AppliedRepo : IAsyncDisposable
{
    private AppliedRepo(SampleRepo repo, ManualClock clock, FeatureStoreSession store)
    {
        Repo = repo;
        Clock = clock;
        Store = store;
    }

    public SampleRepo Repo { get; }

    public ManualClock Clock { get; }

    public FeatureStoreSession Store { get; }

    public static async Task<AppliedRepo> CreateAsync()
    {
        var repo = await SampleRepo.CreateAsync();
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var store = await FeatureStoreSession.OpenAsync(new FeatureStoreSettings(repo.Dir) { Clock = clock });
        await store.ApplyAsync(store.LoadRepoDefinitions());
        return new AppliedRepo(repo, clock, store);
    }

    /// <summary>Another session on the same repo (its own registry connections), on the same clock.</summary>
    public Task<FeatureStoreSession> OpenAnotherAsync() => FeatureStoreSession.OpenAsync(new FeatureStoreSettings(Repo.Dir) { Clock = Clock });

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        Repo.Dispose();
    }
}
