using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Registry.Tests.Storage;

// The audit log: append, query filters, purge, and the lines every commit writes, run against every store.
public abstract partial class RegistryStoreContractTests
{
    private static readonly DateTimeOffset AuditStart = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Audit_lines_round_trip_newest_first_with_every_field()
    {
        var store = await OpenAsync();
        var read = new AuditEntry(AuditStart, "ranking", AuditActions.OnlineRead, "profile:age,profile:credit_score", "minute 08:00", 42);
        var export = new AuditEntry(AuditStart.AddMinutes(5), "trainer", AuditActions.OfflineExport, "profile:age", "purpose: churn model", 1200);

        await store.AppendAuditAsync(Project, [read]);
        await store.AppendAuditAsync(Project, [export]);
        await store.AppendAuditAsync(Project, []);

        var lines = await store.QueryAuditAsync(Project, new AuditQuery());
        Assert.Equal([export, read], lines.Select(l => l.Entry));
        Assert.True(lines[0].Id > lines[1].Id);
        Assert.Equal(TimeSpan.Zero, lines[0].Entry.At.Offset);
    }

    [Fact]
    public async Task Audit_queries_filter_by_actor_subject_and_time_and_stop_at_the_limit()
    {
        var store = await OpenAsync();
        await store.AppendAuditAsync(Project,
        [
            new AuditEntry(AuditStart, "ranking", AuditActions.OnlineRead, "profile:age,profile:credit_score", Count: 3),
            new AuditEntry(AuditStart.AddHours(1), "trainer", AuditActions.OfflineExport, "profile:age", Count: 100),
            new AuditEntry(AuditStart.AddHours(2), "ranking", AuditActions.OnlineRead, "profile:average_age", Count: 7),
            new AuditEntry(AuditStart.AddHours(3), "ranking", AuditActions.OnlineRead, "stats:conv_rate", Count: 9),
        ]);
        await store.AppendAuditAsync("other", [new AuditEntry(AuditStart, "ranking", AuditActions.OnlineRead, "profile:age")]);

        async Task<long[]> Counts(AuditQuery query) => [.. (await store.QueryAuditAsync(Project, query)).Select(l => l.Entry.Count)];

        Assert.Equal(new long[] { 9, 7, 3 }, await Counts(new AuditQuery(Actor: "ranking")));
        Assert.Empty(await Counts(new AuditQuery(Actor: "rank")));
        // A subject matches an item of the comma-separated list, by reference or by bare feature name; never a part of a name.
        Assert.Equal(new long[] { 100, 3 }, await Counts(new AuditQuery(Subject: "age")));
        Assert.Equal(new long[] { 100, 3 }, await Counts(new AuditQuery(Subject: "profile:age")));
        Assert.Equal(new long[] { 3 }, await Counts(new AuditQuery(Subject: "credit_score")));
        Assert.Equal(new long[] { 3 }, await Counts(new AuditQuery(Actor: "ranking", Subject: "age")));
        Assert.Equal(new long[] { 9, 7 }, await Counts(new AuditQuery(Since: AuditStart.AddHours(2))));
        Assert.Equal(new long[] { 9, 7 }, await Counts(new AuditQuery(Since: AuditStart.AddHours(2).ToOffset(TimeSpan.FromHours(5)))));
        Assert.Equal(new long[] { 9, 7 }, await Counts(new AuditQuery(Limit: 2)));
        Assert.Equal(new long[] { 100 }, await Counts(new AuditQuery(Subject: "age", Limit: 1)));
    }

    [Fact]
    public async Task Audit_subjects_with_like_wildcards_or_backslashes_match_literally()
    {
        var store = await OpenAsync();
        await store.AppendAuditAsync(Project,
        [
            new AuditEntry(AuditStart, "a", AuditActions.Erase, @"C:\data\x", Count: 1),
            new AuditEntry(AuditStart, "a", AuditActions.Erase, "50%_off", Count: 2),
            new AuditEntry(AuditStart, "a", AuditActions.Erase, "50xyoff", Count: 3),
        ]);

        Assert.Equal([1L], (await store.QueryAuditAsync(Project, new AuditQuery(Subject: @"C:\data\x"))).Select(l => l.Entry.Count));
        Assert.Equal([2L], (await store.QueryAuditAsync(Project, new AuditQuery(Subject: "50%_off"))).Select(l => l.Entry.Count));
    }

    [Fact]
    public async Task Audit_purge_deletes_only_older_lines_of_the_project()
    {
        var store = await OpenAsync();
        await store.AppendAuditAsync(Project,
        [
            new AuditEntry(AuditStart.AddDays(-500), "a", AuditActions.OnlineRead, "profile:age", Count: 1),
            new AuditEntry(AuditStart.AddDays(-401), "a", AuditActions.OnlineRead, "profile:age", Count: 2),
            new AuditEntry(AuditStart.AddDays(-399), "a", AuditActions.OnlineRead, "profile:age", Count: 3),
        ]);
        await store.AppendAuditAsync("other", [new AuditEntry(AuditStart.AddDays(-500), "a", AuditActions.OnlineRead, "profile:age", Count: 4)]);

        var purged = await store.PurgeAuditAsync(Project, AuditStart.AddDays(-400));

        Assert.Equal(2, purged);
        Assert.Equal([3L], (await store.QueryAuditAsync(Project, new AuditQuery())).Select(l => l.Entry.Count));
        Assert.Equal([4L], (await store.QueryAuditAsync("other", new AuditQuery())).Select(l => l.Entry.Count));
        Assert.Equal(0, await store.PurgeAuditAsync(Project, AuditStart.AddDays(-400)));
    }

    [Fact]
    public async Task Every_commit_writes_one_audit_line_per_change_and_a_refused_commit_none()
    {
        var store = await OpenAsync();
        var grant = new ObjectWrite(ObjectKind.Grant, "svc:feature_view:stats", ChangeType.Added, "{}", "svc may read feature view 'stats'");

        var first = await store.CommitAsync(Project, 0, "alice", [Add(Entity("driver")), Add(Entity("rider"))]);
        var second = await store.CommitAsync(Project, 1, "bob", [grant, Remove(ObjectKind.Entity, "rider")]);
        await Assert.ThrowsAsync<RegistryConflictException>(() => store.CommitAsync(Project, 1, "carol", [Add(Entity("walker"))]));

        var lines = (await store.QueryAuditAsync(Project, new AuditQuery())).Select(l => l.Entry).Reverse().ToList();
        Assert.Equal(
            [
                ("alice", AuditActions.Apply, "entity 'driver'", "added (version 1): new"),
                ("alice", AuditActions.Apply, "entity 'rider'", "added (version 1): new"),
                ("bob", AuditActions.Access, "grant 'svc:feature_view:stats'", "added (version 1): svc may read feature view 'stats'"),
                ("bob", AuditActions.Apply, "entity 'rider'", "removed (version 1): removed"),
            ],
            lines.Select(l => (l.Actor, l.Action, l.Subject, l.Detail)));
        Assert.Equal([first.AppliedAt, first.AppliedAt, second.AppliedAt, second.AppliedAt], lines.Select(l => l.At));
        Assert.Empty(await store.QueryAuditAsync(Project, new AuditQuery(Actor: "carol")));
    }
}
