using System.Diagnostics;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Registry.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="IRegistryStore"/> must have, run against each implementation by a subclass
/// (Feast's "universal" tests). Each test gets a fresh backing store.
/// </summary>
public abstract partial class RegistryStoreContractTests : IAsyncLifetime
{
    private const string Project = "demo";
    private readonly List<IRegistryStore> opened = [];

    /// <summary>A new, independent store instance over this test's backing store (its own connections).</summary>
    protected abstract IRegistryStore CreateStore();

    /// <summary>A store whose backing store cannot be reached or opened.</summary>
    protected abstract IRegistryStore CreateUnreachableStore();

    /// <summary>Text the unavailability message must contain (host:port or file name).</summary>
    protected abstract string UnreachableLocation { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in opened)
            await store.DisposeAsync();
    }

    [Fact]
    public async Task Load_of_a_never_applied_project_is_empty_at_revision_zero()
    {
        var store = await OpenAsync();

        var state = await store.LoadAsync(Project);

        Assert.Equal(Project, state.Project);
        Assert.Equal(0, state.Revision);
        Assert.Empty(state.Objects);
        Assert.Equal(0, await store.GetRevisionAsync(Project));
        Assert.Empty(await store.GetHistoryAsync(Project));
    }

    [Fact]
    public async Task Commit_then_load_round_trips_definitions_versions_and_revision()
    {
        var store = await OpenAsync();

        var record = await store.CommitAsync(Project, 0, "alice", [Add(Entity("driver")), Add(Entity("customer"))]);
        var state = await store.LoadAsync(Project);

        Assert.Equal(1, record.Revision);
        Assert.Equal(1, state.Revision);
        Assert.Equal(1, await store.GetRevisionAsync(Project));
        Assert.Equal(["customer", "driver"], state.Objects.Select(o => o.Name));
        var driver = Assert.Single(state.Objects, o => o.Name == "driver");
        Assert.Equal(ObjectKind.Entity, driver.Kind);
        Assert.Equal(1, driver.Version);
        Assert.Equal(EntityJson("driver"), driver.DefinitionJson);
        Assert.Equal(record.AppliedAt, driver.UpdatedAt);
        Assert.Equal("driver", Assert.Single(state.ToDefinitions().Entities, e => e.Name == "driver").Name);
    }

    [Fact]
    public async Task Projects_are_isolated_from_each_other()
    {
        var store = await OpenAsync();

        await store.CommitAsync("one", 0, "alice", [Add(Entity("driver"))]);

        Assert.Empty((await store.LoadAsync("two")).Objects);
        Assert.Equal(0, await store.GetRevisionAsync("two"));
        await store.CommitAsync("two", 0, "bob", [Add(Entity("driver"))]);
        Assert.Equal(1, await store.GetRevisionAsync("one"));
    }

    [Fact]
    public async Task Versions_increment_per_change_and_continue_after_removal_and_re_add()
    {
        var store = await OpenAsync();

        await store.CommitAsync(Project, 0, "a", [Add(Entity("driver")), Add(Entity("rider"))]);
        await store.CommitAsync(Project, 1, "a", [Change(Entity("driver", "v2"))]);
        var removal = await store.CommitAsync(Project, 2, "a", [Remove(ObjectKind.Entity, "driver")]);
        var readd = await store.CommitAsync(Project, 3, "a", [Add(Entity("driver", "v3"))]);
        var state = await store.LoadAsync(Project);

        Assert.Equal(2, Assert.Single(removal.Changes).Version);
        Assert.Equal(3, Assert.Single(readd.Changes).Version);
        Assert.Equal(3, state.VersionOf(ObjectKind.Entity, "driver"));
        Assert.Equal(1, state.VersionOf(ObjectKind.Entity, "rider"));
        Assert.Equal(EntityJson("driver", "v3"), state.Find(ObjectKind.Entity, "driver")!.DefinitionJson);
    }

    [Fact]
    public async Task Same_name_in_different_kinds_are_different_objects()
    {
        var store = await OpenAsync();

        await store.CommitAsync(Project, 0, "a", [Add(Entity("driver")), new ObjectWrite(ObjectKind.DataSource, "driver", ChangeType.Added, "{}", "new")]);

        var state = await store.LoadAsync(Project);
        Assert.Equal(2, state.Objects.Count);
        Assert.Equal([ObjectKind.Entity, ObjectKind.DataSource], state.Objects.Select(o => o.Kind));
    }

    [Fact]
    public async Task History_is_newest_first_with_actor_time_and_changes_in_order()
    {
        var store = await OpenAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        await store.CommitAsync(Project, 0, "alice", [Add(Entity("driver")), Add(Entity("rider"))]);
        var second = await store.CommitAsync(Project, 1, "bob", [Change(Entity("driver", "v2")), Remove(ObjectKind.Entity, "rider")]);
        var history = await store.GetHistoryAsync(Project);

        Assert.Equal([2L, 1L], history.Select(h => h.Revision));
        Assert.Equal(["bob", "alice"], history.Select(h => h.Actor));
        Assert.Equal((second.Revision, second.Project, second.Actor, second.AppliedAt), (history[0].Revision, history[0].Project, history[0].Actor, history[0].AppliedAt));
        Assert.Equal(second.Changes, history[0].Changes);
        Assert.InRange(history[1].AppliedAt, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(TimeSpan.Zero, history[1].AppliedAt.Offset);
        Assert.Equal(
            [(ChangeType.Changed, "driver", 2L, "description → v2"), (ChangeType.Removed, "rider", 1L, "removed")],
            history[0].Changes.Select(c => (c.Change, c.Name, c.Version, c.Summary)));
        Assert.Single(await store.GetHistoryAsync(Project, limit: 1));
    }

    [Fact]
    public async Task History_filtered_by_object_lists_only_applies_touching_it()
    {
        var store = await OpenAsync();

        await store.CommitAsync(Project, 0, "a", [Add(Entity("driver"))]);
        await store.CommitAsync(Project, 1, "a", [Add(Entity("rider"))]);
        await store.CommitAsync(Project, 2, "a", [Change(Entity("driver", "v2"))]);
        await store.CommitAsync(Project, 3, "a", [new ObjectWrite(ObjectKind.DataSource, "rider", ChangeType.Added, "{}", "new")]);

        var driver = await store.GetHistoryAsync(Project, new HistoryFilter(ObjectKind.Entity, "driver"));
        var riderEntity = await store.GetHistoryAsync(Project, new HistoryFilter(ObjectKind.Entity, "rider"));
        var riderAnyKind = await store.GetHistoryAsync(Project, new HistoryFilter(null, "rider"));

        Assert.Equal([3L, 1L], driver.Select(h => h.Revision));
        Assert.Equal([2L], riderEntity.Select(h => h.Revision));
        Assert.Equal([4L, 2L], riderAnyKind.Select(h => h.Revision));
    }

    [Fact]
    public async Task Commit_on_a_stale_revision_throws_conflict_and_writes_nothing()
    {
        var store = await OpenAsync();
        await store.CommitAsync(Project, 0, "a", [Add(Entity("driver"))]);

        var conflict = await Assert.ThrowsAsync<RegistryConflictException>(
            () => store.CommitAsync(Project, 0, "b", [Add(Entity("rider"))]));

        Assert.Equal(0, conflict.ExpectedRevision);
        Assert.Equal(1, conflict.ActualRevision);
        Assert.DoesNotContain('\n', conflict.Message);
        var state = await store.LoadAsync(Project);
        Assert.Equal(1, state.Revision);
        Assert.Equal(["driver"], state.Objects.Select(o => o.Name));
        Assert.Single(await store.GetHistoryAsync(Project));
    }

    [Fact]
    public async Task A_commit_failing_midway_leaves_state_revision_and_history_unchanged()
    {
        var store = await OpenAsync();
        await store.CommitAsync(Project, 0, "a", [Add(Entity("driver"))]);
        var before = await store.LoadAsync(Project);

        // The rider write and the driver change succeed, then the duplicate add fails: all must roll back.
        var duplicate = await Assert.ThrowsAsync<RegistryStoreException>(() => store.CommitAsync(Project, 1, "b",
            [Add(Entity("rider")), Change(Entity("driver", "v2")), Add(Entity("rider"))]));
        await Assert.ThrowsAsync<RegistryStoreException>(() => store.CommitAsync(Project, 1, "b",
            [Add(Entity("rider")), new ObjectWrite(ObjectKind.Entity, "walker", ChangeType.Added, null, "new")]));
        await Assert.ThrowsAsync<RegistryStoreException>(() => store.CommitAsync(Project, 1, "b",
            [Add(Entity("rider")), Remove(ObjectKind.Entity, "nobody")]));

        Assert.Contains("entity 'rider'", duplicate.Message, StringComparison.Ordinal);
        var after = await store.LoadAsync(Project);
        Assert.Equal(before.Revision, after.Revision);
        Assert.Equal(before.Objects, after.Objects);
        Assert.Single(await store.GetHistoryAsync(Project));
        Assert.Equal(2, (await store.CommitAsync(Project, 1, "b", [Add(Entity("rider"))])).Revision);
    }

    [Fact]
    public async Task Concurrent_initialize_from_independent_stores_succeeds()
    {
        var stores = Enumerable.Range(0, 4).Select(_ => Track(CreateStore())).ToList();

        await Task.WhenAll(stores.Select(s => Task.Run(() => s.InitializeAsync())));

        Assert.All(await Task.WhenAll(stores.Select(s => s.GetRevisionAsync(Project))), r => Assert.Equal(0, r));
    }

    [Fact]
    public async Task Racing_commits_from_independent_stores_never_lose_an_update()
    {
        const int rounds = 15;
        var first = await OpenAsync();
        var second = await OpenAsync();
        var winners = new List<string>();

        for (var round = 0; round < rounds; round++)
        {
            // Both read the same revision, then both try to commit on it: exactly one may win.
            var revision = (await first.LoadAsync(Project)).Revision;
            Assert.Equal(revision, (await second.LoadAsync(Project)).Revision);
            var attempts = new[] { (Store: first, Name: $"a{round}"), (Store: second, Name: $"b{round}") }
                .Select(a => Task.Run(async () =>
                {
                    try
                    {
                        await a.Store.CommitAsync(Project, revision, a.Name, [Add(Entity(a.Name))]);
                        return a.Name;
                    }
                    catch (RegistryConflictException)
                    {
                        return null;
                    }
                }));
            var results = await Task.WhenAll(attempts);
            winners.Add(Assert.Single(results, r => r is not null)!);
        }

        var state = await first.LoadAsync(Project);
        Assert.Equal(rounds, state.Revision);
        Assert.Equal(winners.Order(StringComparer.Ordinal), state.Objects.Select(o => o.Name));
        Assert.Equal(rounds, (await second.GetHistoryAsync(Project)).Count);
    }

    [Fact]
    public async Task Many_writers_retrying_on_conflict_all_land_exactly_once()
    {
        const int writers = 4;
        const int commitsEach = 5;
        var stores = new List<IRegistryStore>();
        for (var i = 0; i < writers; i++)
            stores.Add(await OpenAsync());

        await Task.WhenAll(stores.Select((store, writer) => Task.Run(async () =>
        {
            for (var i = 0; i < commitsEach; i++)
            {
                while (true)
                {
                    var revision = await store.GetRevisionAsync(Project);
                    try
                    {
                        await store.CommitAsync(Project, revision, $"w{writer}", [Add(Entity($"w{writer}-{i}"))]);
                        break;
                    }
                    catch (RegistryConflictException)
                    {
                        // Lost the race: read the new revision and try again.
                    }
                }
            }
        })));

        var state = await stores[0].LoadAsync(Project);
        Assert.Equal(writers * commitsEach, state.Revision);
        Assert.Equal(writers * commitsEach, state.Objects.Count);
        Assert.Equal(writers * commitsEach, (await stores[0].GetHistoryAsync(Project)).Count);
    }

    [Fact]
    public async Task Unreachable_store_throws_unavailable_quickly_with_a_one_line_message()
    {
        var store = Track(CreateUnreachableStore());
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RegistryUnavailableException>(() => store.LoadAsync(Project));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Contains(UnreachableLocation, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    protected IRegistryStore Track(IRegistryStore store)
    {
        opened.Add(store);
        return store;
    }

    private async Task<IRegistryStore> OpenAsync()
    {
        var store = Track(CreateStore());
        await store.InitializeAsync();
        return store;
    }

    private static EntityDefinition Entity(string name, string? description = null) =>
        new(name, [new JoinKey(name + "_id", FeatureType.Int64)], description);

    private static string EntityJson(string name, string? description = null) => RegistryJson.Serialize(Entity(name, description));

    private static ObjectWrite Add(EntityDefinition entity) =>
        new(ObjectKind.Entity, entity.Name, ChangeType.Added, RegistryJson.Serialize(entity), "new");

    private static ObjectWrite Change(EntityDefinition entity) =>
        new(ObjectKind.Entity, entity.Name, ChangeType.Changed, RegistryJson.Serialize(entity), $"description → {entity.Description}");

    private static ObjectWrite Remove(ObjectKind kind, string name) => new(kind, name, ChangeType.Removed, null, "removed");
}
