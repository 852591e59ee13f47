using FeatureStore.Registry.Access;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Planning;
using FeatureStore.Registry.Storage;
using FeatureStore.Registry.Tests.Storage;
using FeatureStore.Registry.Validation;
using static FeatureStore.Registry.Tests.Planning.SampleRepo;

namespace FeatureStore.Registry.Tests.Versions;

/// <summary>keep_versions: older declared versions of a view stay live after a bump, against a real (SQLite) store.</summary>
public sealed class LiveVersionTests : IAsyncLifetime
{
    private readonly TempFolder folder = new();
    private SqliteRegistryStore store = null!;

    private static FeatureViewDefinition V2 { get; } =
        DriverStats.WithoutFeature("acc_rate").WithFeature("conv_rate", f => f with { Type = FeatureType.Float64 }) with { Version = 2, KeepVersions = 2 };

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

    private Task<ApplyOutcome> Apply(RegistryDefinitions desired, bool deleteMissing = false) =>
        RegistryApplier.ApplyAsync(store, desired, new PlanOptions(DeleteMissing: deleteMissing), "alice", CancellationToken.None);

    private async Task<FeatureViewDefinition> StoredView() => (await store.LoadAsync(Project)).ToDefinitions().FeatureViews.Single();

    [Fact]
    public async Task A_bump_with_keep_versions_two_keeps_the_previous_definition_live_under_its_label()
    {
        await Apply(Definitions);

        var outcome = await Apply(Definitions.WithView(V2));

        var change = Assert.Single(outcome.Plan.Changes);
        Assert.Contains(change.Fields, f => f.Path == "retained_versions" && f.After == "[1]");
        var stored = await StoredView();
        var retained = Assert.Single(stored.RetainedVersions!);
        Assert.Equal(RegistryJson.Serialize(DriverStats), RegistryJson.Serialize(retained));
        var definitions = (await store.LoadAsync(Project)).ToDefinitions();
        Assert.Equal(
            ["driver_stats:2", "driver_stats@2:2", "driver_stats@1:1"],
            LiveViews.All(definitions).Select(v => $"{v.Label}:{v.Definition.Version}"));
        var v1 = LiveViews.Find(definitions, "driver_stats@1", out _);
        Assert.NotNull(v1);
        Assert.False(v1.IsNewest);
        Assert.Equal(FeatureType.Float32, v1.Definition.Features.Single(f => f.Name == "conv_rate").Type);
        Assert.Contains(v1.Definition.Features, f => f.Name == "acc_rate");
        Assert.Equal(FeatureType.Float64, LiveViews.Find(definitions, "driver_stats", out _)!.Definition.Features.Single(f => f.Name == "conv_rate").Type);
    }

    [Fact]
    public async Task Reapplying_keeps_the_retained_version_and_commits_nothing()
    {
        await Apply(Definitions);
        await Apply(Definitions.WithView(V2));

        var again = await Apply(Definitions.WithView(V2));

        Assert.Null(again.Record);
        Assert.Single((await StoredView()).RetainedVersions!);
    }

    [Fact]
    public async Task Only_keep_versions_minus_one_older_versions_stay_and_lowering_it_drops_them()
    {
        await Apply(Definitions with { FeatureViews = [DriverStats with { KeepVersions = 2 }] });
        await Apply(Definitions.WithView(V2));
        await Apply(Definitions.WithView(V2 with { Version = 3 }));

        Assert.Equal([2], (await StoredView()).RetainedVersions!.Select(v => v.Version));
        await Apply(Definitions.WithView(V2 with { Version = 3, KeepVersions = 3 }));
        Assert.Equal([2], (await StoredView()).RetainedVersions!.Select(v => v.Version));

        var lowered = await Apply(Definitions.WithView(V2 with { Version = 3, KeepVersions = null }));

        Assert.Null((await StoredView()).RetainedVersions);
        Assert.Contains(lowered.Plan.Changes.Single().Fields, f => f.Path == "retained_versions" && f.Before == "[2]" && f.After == "[]");
    }

    [Fact]
    public async Task A_feature_service_pins_a_retained_version_and_the_planner_checks_its_features()
    {
        await Apply(Definitions);
        await Apply(Definitions.WithView(V2));

        var pinned = new FeatureServiceDefinition("ranking_a", [new FeatureSelection("driver_stats@1", ["acc_rate"])], "ranking@corp");
        var outcome = await Apply(Definitions.WithView(V2).WithService(pinned));
        Assert.NotNull(outcome.Record);

        var missing = new FeatureServiceDefinition("ranking_b", [new FeatureSelection("driver_stats@1", ["trips_2"])], "ranking@corp");
        var error = await Assert.ThrowsAsync<DefinitionException>(() => Apply(Definitions.WithView(V2).WithService(missing)));
        Assert.Contains("feature service 'ranking_b' features[0]", error.Message, StringComparison.Ordinal);
        Assert.Contains("version 1 of feature view 'driver_stats' has no feature 'trips_2'", error.Message, StringComparison.Ordinal);

        var gone = new FeatureServiceDefinition("ranking_c", [new FeatureSelection("driver_stats@7", [])], "ranking@corp");
        error = await Assert.ThrowsAsync<DefinitionException>(() => Apply(Definitions.WithView(V2).WithService(gone)));
        Assert.Contains("feature view 'driver_stats' has no live version 7 (live: 2, 1;", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_the_source_a_retained_version_reads_is_refused()
    {
        var hourly = DriverHourly with { Name = "driver_hourly_v2" };
        await Apply(Definitions);
        await Apply((Definitions with { DataSources = [DriverHourly, hourly] }).WithView(V2 with { Source = hourly.Name }));

        var error = await Assert.ThrowsAsync<DefinitionException>(
            () => Apply((Definitions with { DataSources = [hourly] }).WithView(V2 with { Source = hourly.Name }), deleteMissing: true));

        Assert.Contains("version 1 stays live and reads data source 'driver_hourly', which this apply removes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void Keep_versions_out_of_range_is_reported_with_its_field(int keep)
    {
        var problems = DefinitionValidator.Validate(Definitions.WithView(DriverStats with { KeepVersions = keep }), CodeLocator.Instance);

        var problem = Assert.Single(problems);
        Assert.Equal("feature view 'driver_stats', field 'keep_versions'", problem.Location);
        Assert.Contains($"must be 1 to 5", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("driver_stats@", "expected a view name, optionally followed by @ and a version number")]
    [InlineData("driver_stats@x", "expected a view name, optionally followed by @ and a version number")]
    [InlineData("driver_statz@1", "unknown feature view 'driver_statz'")]
    public void Bad_labels_in_a_service_are_reported(string label, string expected)
    {
        var service = new FeatureServiceDefinition("s", [new FeatureSelection(label, [])], "o");

        var problem = Assert.Single(DefinitionValidator.Validate(Definitions.WithService(service), CodeLocator.Instance));

        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_view_grant_covers_every_live_version_and_pii_is_read_from_each_version()
    {
        var v2 = V2 with
        {
            Features = [.. V2.Features, new FeatureDefinition("home_city", FeatureType.String, Pii: PiiClass.Personal)],
            RetainedVersions = [DriverStats.WithFeature("acc_rate", f => f with { Pii = PiiClass.Sensitive })],
        };
        var definitions = Definitions.WithView(v2);
        var grants = new[] { new GrantDefinition("ranking", GrantTargetKind.FeatureView, "driver_stats", PiiClass.Personal, Online: true, Offline: false) };
        var policy = AccessPolicy.From(definitions, [], grants);

        Assert.Empty(policy.Check("ranking", [("driver_stats", "home_city"), ("driver_stats@1", "conv_rate"), ("driver_stats@2", "conv_rate")], AccessMode.Online));
        var denial = Assert.Single(policy.Check("ranking", [("driver_stats@1", "acc_rate")], AccessMode.Online));
        Assert.Equal(("driver_stats@1", "acc_rate", PiiClass.Sensitive), (denial.View, denial.Feature, denial.Pii));
        Assert.Single(policy.Check("ranking", [("driver_stats@1", "home_city")], AccessMode.Online));
    }
}
