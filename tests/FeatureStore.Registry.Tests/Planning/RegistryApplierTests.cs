using FeatureStore.Registry.Model;
using FeatureStore.Registry.Planning;
using FeatureStore.Registry.Storage;
using FeatureStore.Registry.Tests.Storage;
using static FeatureStore.Registry.Tests.Planning.SampleRepo;

namespace FeatureStore.Registry.Tests.Planning;

/// <summary>Plan + commit against a real (SQLite) store.</summary>
public sealed class RegistryApplierTests : IAsyncLifetime
{
    private readonly TempFolder folder = new();
    private SqliteRegistryStore store = null!;

    public Task InitializeAsync()
    {
        store = new SqliteRegistryStore(Path.Combine(folder.Path, "registry.db"));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        folder.Dispose();
    }

    private Task<ApplyOutcome> Apply(RegistryDefinitions desired, PlanOptions? options = null, string actor = "alice") =>
        RegistryApplier.ApplyAsync(store, desired, options ?? new PlanOptions(), actor, CancellationToken.None);

    [Fact]
    public async Task First_apply_registers_everything_at_revision_one()
    {
        var outcome = await Apply(Definitions);

        Assert.NotNull(outcome.Record);
        Assert.Equal(1, outcome.Record.Revision);
        Assert.Equal(4, outcome.Record.Changes.Count);
        Assert.All(outcome.Record.Changes, c => Assert.Equal(("new", 1L), (c.Summary, c.Version)));
        var stored = (await store.LoadAsync(Project)).ToDefinitions();
        Assert.Equal(RegistryJson.Serialize(Definitions), RegistryJson.Serialize(stored));
    }

    [Fact]
    public async Task Reapplying_the_same_definitions_commits_nothing_and_records_no_history()
    {
        await Apply(Definitions);

        var outcome = await Apply(Definitions);

        Assert.Null(outcome.Record);
        Assert.False(outcome.Plan.HasChanges);
        Assert.Equal(1, await store.GetRevisionAsync(Project));
        Assert.Single(await store.GetHistoryAsync(Project));
    }

    [Fact]
    public async Task Breaking_change_is_refused_with_a_one_line_message_and_nothing_is_written()
    {
        await Apply(Definitions);
        var before = await store.LoadAsync(Project);

        var error = await Assert.ThrowsAsync<BreakingChangeException>(
            () => Apply(Definitions.WithView(DriverStats.WithFeature("conv_rate", f => f with { Type = FeatureType.Float64 }) with { Ttl = TimeSpan.FromDays(2) })));

        Assert.Contains("feature view 'driver_stats' features.conv_rate.type", error.Message, StringComparison.Ordinal);
        Assert.Contains("1 breaking change", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Single(error.Plan.BlockingBreakingChanges);
        var after = await store.LoadAsync(Project);
        Assert.Equal(before.Revision, after.Revision);
        Assert.Equal(before.Objects, after.Objects);
    }

    [Fact]
    public async Task Version_bumped_breaking_change_is_applied_with_a_field_summary()
    {
        await Apply(Definitions);
        var view = DriverStats.WithFeature("conv_rate", f => f with { Type = FeatureType.Float64 }) with { Ttl = TimeSpan.FromDays(2), Version = 2 };

        var outcome = await Apply(Definitions.WithView(view), actor: "bob");

        var change = Assert.Single(outcome.Record!.Changes);
        Assert.Equal((ObjectKind.FeatureView, "driver_stats", ChangeType.Changed, 2L), (change.Kind, change.Name, change.Change, change.Version));
        Assert.Equal("version 1 → 2; ttl 1d → 2d; features.conv_rate.type float32 → float64", change.Summary);
        var history = await store.GetHistoryAsync(Project, new HistoryFilter(ObjectKind.FeatureView, "driver_stats"));
        Assert.Equal([2L, 1L], history.Select(h => h.Revision));
        Assert.Equal("bob", history[0].Actor);
    }

    [Fact]
    public async Task Delete_missing_removes_objects_and_records_their_last_version()
    {
        await Apply(Definitions);

        var outcome = await Apply(Definitions with { FeatureServices = [] }, new PlanOptions(DeleteMissing: true));

        var change = Assert.Single(outcome.Record!.Changes);
        Assert.Equal((ChangeType.Removed, 1L, "removed"), (change.Change, change.Version, change.Summary));
        Assert.Null((await store.LoadAsync(Project)).Find(ObjectKind.FeatureService, "driver_ranking"));
    }

    [Fact]
    public async Task Apply_planned_on_a_stale_state_conflicts_and_replanning_succeeds()
    {
        await Apply(Definitions);
        var stale = await store.LoadAsync(Project);
        await Apply(Definitions.WithEntity(Driver with { Description = "first" }), actor: "first");
        var second = Definitions.WithEntity(Driver with { Description = "second" });
        var plan = RegistryPlanner.Plan(second, stale, new PlanOptions());

        await Assert.ThrowsAsync<RegistryConflictException>(() => store.CommitAsync(Project, plan.BaseRevision, "second",
            [.. plan.Changes.Select(c => new ObjectWrite(c.Kind, c.Name, c.Change, c.NewDefinitionJson, ChangeSummary.Of(c)))]));
        var outcome = await Apply(second, actor: "second");

        Assert.Equal(3, outcome.Record!.Revision);
        Assert.Equal("description first → second", Assert.Single(outcome.Record.Changes).Summary);
    }
}
