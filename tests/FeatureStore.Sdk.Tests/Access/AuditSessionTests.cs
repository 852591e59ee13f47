using FeatureStore.Registry.Storage;

namespace FeatureStore.Sdk.Tests.Access;

/// <summary>The session's audit helpers: append with a retention purge at most once per hour, and queries.</summary>
public sealed class AuditSessionTests
{
    [Fact]
    public async Task Recording_purges_lines_past_the_retention_at_most_once_per_hour()
    {
        await using var repo = await AppliedRepo.CreateAsync();
        var now = repo.Clock.Now;
        var retention = repo.Store.Config.Audit.Retention;
        Assert.Equal(TimeSpan.FromDays(400), retention);
        AuditEntry Read(TimeSpan age, long count) => new(now - age, "ranking", AuditActions.OnlineRead, "customer_profile:age", "", count);

        await repo.Store.RecordAuditAsync([Read(retention + TimeSpan.FromDays(1), 1), Read(TimeSpan.FromDays(1), 2)]);
        Assert.Equal(new long[] { 2 }, await CountsAsync(repo.Store));

        // Within the hour nothing is purged, not even a line past the retention.
        repo.Clock.Now = now.AddMinutes(59);
        await repo.Store.RecordAuditAsync([Read(retention + TimeSpan.FromDays(1), 3)]);
        Assert.Equal(new long[] { 3, 2 }, await CountsAsync(repo.Store));

        repo.Clock.Now = now.AddMinutes(61);
        await repo.Store.RecordAuditAsync([Read(TimeSpan.Zero, 4)]);
        Assert.Equal(new long[] { 4, 2 }, await CountsAsync(repo.Store));
    }

    [Fact]
    public async Task Queries_filter_by_principal_feature_and_time_and_include_the_apply_lines()
    {
        await using var repo = await AppliedRepo.CreateAsync();
        var now = repo.Clock.Now;
        await repo.Store.RecordAuditAsync(
        [
            new AuditEntry(now.AddDays(-10), "trainer", AuditActions.OfflineExport, "customer_profile:age,customer_profile:credit_score", "purpose: churn", 5000),
            new AuditEntry(now.AddMinutes(-3), "ranking", AuditActions.OnlineRead, "customer_profile:age", "", 17),
        ]);

        var byPrincipal = await repo.Store.QueryAuditAsync(new AuditQuery(Actor: "trainer"));
        var byFeature = await repo.Store.QueryAuditAsync(new AuditQuery(Subject: "credit_score"));
        var recent = await repo.Store.QueryAuditAsync(new AuditQuery(Subject: "age", Since: now.AddDays(-7)));
        var applies = await repo.Store.QueryAuditAsync(new AuditQuery(Subject: "feature view 'customer_profile'"));

        Assert.Equal([5000L], byPrincipal.Select(l => l.Entry.Count));
        Assert.Equal([5000L], byFeature.Select(l => l.Entry.Count));
        Assert.Equal([17L], recent.Select(l => l.Entry.Count));
        Assert.Equal(AuditActions.Apply, Assert.Single(applies).Entry.Action);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => repo.Store.QueryAuditAsync(new AuditQuery(Limit: 0)));
    }

    private static async Task<long[]> CountsAsync(FeatureStoreSession store) =>
        [.. (await store.QueryAuditAsync(new AuditQuery(Actor: "ranking"))).Select(l => l.Entry.Count)];
}
