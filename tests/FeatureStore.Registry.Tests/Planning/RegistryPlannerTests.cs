using FeatureStore.Registry.Model;
using FeatureStore.Registry.Planning;
using FeatureStore.Registry.Storage;
using static FeatureStore.Registry.Tests.Planning.SampleRepo;

namespace FeatureStore.Registry.Tests.Planning;

public sealed class RegistryPlannerTests
{
    private static readonly RegistryState Current = StateOf(Definitions, revision: 7);

    private static RegistryPlan Plan(RegistryDefinitions desired, PlanOptions? options = null) =>
        RegistryPlanner.Plan(desired, Current, options ?? new PlanOptions());

    private static ObjectPlan Only(RegistryPlan plan) => Assert.Single(plan.Changes);

    [Fact]
    public void First_plan_adds_every_object_sorted_by_kind_then_name_and_nothing_is_breaking()
    {
        var plan = RegistryPlanner.Plan(Definitions, new RegistryState(Project, 0, []), new PlanOptions());

        Assert.Equal(
            [(ObjectKind.Entity, "driver"), (ObjectKind.DataSource, "driver_hourly"), (ObjectKind.FeatureView, "driver_stats"), (ObjectKind.FeatureService, "driver_ranking")],
            plan.Changes.Select(c => (c.Kind, c.Name)));
        Assert.All(plan.Changes, c => Assert.Equal(ChangeType.Added, c.Change));
        Assert.All(plan.Changes, c => Assert.False(c.Breaking));
        Assert.Equal(RegistryJson.Serialize(DriverStats), plan.Changes[2].NewDefinitionJson);
        Assert.Equal(0, plan.BaseRevision);
        Assert.Empty(plan.BlockingBreakingChanges);
    }

    [Fact]
    public void Identical_definitions_plan_no_changes()
    {
        var plan = Plan(Definitions);

        Assert.False(plan.HasChanges);
        Assert.Equal(4, plan.Unchanged.Count);
        Assert.Equal(7, plan.BaseRevision);
    }

    [Fact]
    public void Tag_order_does_not_count_as_a_change()
    {
        var current = StateOf(Definitions.WithEntity(Driver with { Tags = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" } }));
        var desired = Definitions.WithEntity(Driver with { Tags = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" } });

        Assert.False(RegistryPlanner.Plan(desired, current, new PlanOptions()).HasChanges);
    }

    [Fact]
    public void Feature_type_change_is_breaking_and_blocks_the_plan()
    {
        var plan = Plan(Definitions.WithView(DriverStats.WithFeature("conv_rate", f => f with { Type = FeatureType.Float64 })));

        var change = Only(plan);
        Assert.Equal(ChangeType.Changed, change.Change);
        Assert.True(change.Breaking);
        var field = Assert.Single(change.Fields);
        Assert.Equal(new FieldChange("features.conv_rate.type", "float32", "float64", true, field.Reason), field);
        Assert.Contains("type changed", field.Reason, StringComparison.Ordinal);
        Assert.Equal([change], plan.BlockingBreakingChanges);
    }

    [Fact]
    public void Bumping_the_view_version_makes_its_breaking_change_deliberate()
    {
        var view = DriverStats.WithFeature("conv_rate", f => f with { Type = FeatureType.Float64 }) with { Version = 2 };

        var plan = Plan(Definitions.WithView(view));

        var change = Only(plan);
        Assert.True(change.Breaking);
        Assert.True(change.VersionBumped);
        Assert.Contains(change.Fields, f => f is { Path: "version", Before: "1", After: "2", Breaking: false });
        Assert.Empty(plan.BlockingBreakingChanges);
    }

    [Fact]
    public void AllowBreaking_unblocks_breaking_changes_without_a_version_bump()
    {
        var plan = Plan(Definitions.WithView(DriverStats with { Entities = ["driver", "rider"] }), new PlanOptions(AllowBreaking: true));

        Assert.True(Only(plan).Breaking);
        Assert.Empty(plan.BlockingBreakingChanges);
    }

    [Fact]
    public void Removing_a_feature_a_service_uses_is_breaking()
    {
        var change = Only(Plan(Definitions.WithView(DriverStats.WithoutFeature("conv_rate"))));

        var field = Assert.Single(change.Fields);
        Assert.Equal(("features.conv_rate", "float32", (string?)null, true), (field.Path, field.Before, field.After, field.Breaking));
        Assert.Contains("'driver_ranking'", field.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_a_feature_the_registered_service_uses_is_breaking_even_when_the_repo_service_stops_using_it()
    {
        var desired = Definitions
            .WithView(DriverStats.WithoutFeature("conv_rate"))
            .WithService(DriverRanking with { Features = [new FeatureSelection("driver_stats", ["acc_rate"])] });

        var plan = Plan(desired);

        var view = Assert.Single(plan.Changes, c => c.Kind == ObjectKind.FeatureView);
        Assert.True(view.Breaking);
        Assert.False(Assert.Single(plan.Changes, c => c.Kind == ObjectKind.FeatureService).Breaking);
    }

    [Fact]
    public void Removing_a_feature_of_a_view_a_service_takes_whole_is_breaking()
    {
        var current = StateOf(Definitions.WithService(DriverRanking with { Features = [new FeatureSelection("driver_stats", [])] }));
        var desired = Definitions
            .WithService(DriverRanking with { Features = [new FeatureSelection("driver_stats", [])] })
            .WithView(DriverStats.WithoutFeature("avg_daily_trips"));

        var plan = RegistryPlanner.Plan(desired, current, new PlanOptions());

        Assert.True(Only(plan).Breaking);
    }

    [Fact]
    public void Removing_an_unused_feature_is_safe_but_noted()
    {
        var field = Assert.Single(Only(Plan(Definitions.WithView(DriverStats.WithoutFeature("avg_daily_trips")))).Fields);

        Assert.Equal("features.avg_daily_trips", field.Path);
        Assert.False(field.Breaking);
        Assert.Contains("no feature service uses it", field.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("renamed")]
    [InlineData("retyped")]
    [InlineData("reordered")]
    [InlineData("added")]
    public void Changing_an_entity_join_keys_is_breaking(string edit)
    {
        var two = new[] { new JoinKey("driver_id", FeatureType.Int64), new JoinKey("region", FeatureType.String) };
        var current = StateOf(Definitions.WithEntity(Driver with { JoinKeys = two }));
        IReadOnlyList<JoinKey> keys = edit switch
        {
            "renamed" => [two[0] with { Name = "id" }, two[1]],
            "retyped" => [two[0] with { Type = FeatureType.String }, two[1]],
            "reordered" => [two[1], two[0]],
            _ => [.. two, new JoinKey("city", FeatureType.String)],
        };

        var plan = RegistryPlanner.Plan(Definitions.WithEntity(Driver with { JoinKeys = keys }), current, new PlanOptions());

        var field = Assert.Single(Only(plan).Fields);
        Assert.Equal("join_keys", field.Path);
        Assert.True(field.Breaking);
        Assert.Equal("[driver_id:int64, region:string]", field.Before);
        Assert.Single(plan.BlockingBreakingChanges);
    }

    [Fact]
    public void Changing_a_view_entities_is_breaking()
    {
        var field = Assert.Single(Only(Plan(Definitions.WithView(DriverStats with { Entities = ["driver", "rider"] }))).Fields);

        Assert.Equal(("entities", "[driver]", "[driver, rider]", true), (field.Path, field.Before, field.After, field.Breaking));
    }

    [Fact]
    public void Changing_a_source_timestamp_field_is_breaking()
    {
        var field = Assert.Single(Only(Plan(Definitions.WithSource(DriverHourly with { TimestampField = "ts" }))).Fields);

        Assert.Equal(("timestamp_field", "event_timestamp", "ts", true), (field.Path, field.Before, field.After, field.Breaking));
    }

    [Fact]
    public void Changing_a_source_created_timestamp_field_is_breaking()
    {
        var field = Assert.Single(Only(Plan(Definitions.WithSource(DriverHourly with { CreatedTimestampField = null }))).Fields);

        Assert.Equal(("created_timestamp_field", "created", (string?)null, true), (field.Path, field.Before, field.After, field.Breaking));
    }

    [Fact]
    public void Switching_a_view_to_a_source_with_another_timestamp_field_is_breaking()
    {
        var desired = Definitions
            .WithSource(DriverHourly with { Name = "driver_stream", TimestampField = "ts" })
            .WithView(DriverStats with { Source = "driver_stream" });

        var view = Assert.Single(Plan(desired).Changes, c => c.Kind == ObjectKind.FeatureView);

        var field = Assert.Single(view.Fields);
        Assert.Equal(("source", "driver_hourly", "driver_stream", true), (field.Path, field.Before, field.After, field.Breaking));
        Assert.Contains("'ts' instead of 'event_timestamp'", field.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Switching_a_view_to_a_source_with_the_same_timestamp_field_is_safe()
    {
        var desired = Definitions
            .WithSource(DriverHourly with { Name = "driver_daily", Path = "data/daily.parquet" })
            .WithView(DriverStats with { Source = "driver_daily" });

        var view = Assert.Single(Plan(desired).Changes, c => c.Kind == ObjectKind.FeatureView);

        Assert.False(view.Breaking);
        Assert.Equal("source", Assert.Single(view.Fields).Path);
    }

    public static TheoryData<string, string, string?, string?> SafeViewEdits => new()
    {
        { "description", "description", null, "Driver stats" },
        { "owner", "owner", "ml@corp", "data@corp" },
        { "tags", "tags.team", null, "ranking" },
        { "ttl", "ttl", "1d", "2h" },
        { "online", "online", "true", "false" },
        { "pii", "features.conv_rate.pii", "none", "personal" },
        { "feature description", "features.acc_rate.description", null, "Acceptance rate" },
        { "feature tags", "features.acc_rate.tags.unit", null, "ratio" },
        { "added feature", "features.rating", null, "float64" },
        { "as_of_created", "as_of_created", "false", "true" },
        { "quality", "quality", null, "{\"policy\":\"warn\",\"rules\":[{\"feature\":\"conv_rate\",\"not_null\":true}]}" },
    };

    [Theory]
    [MemberData(nameof(SafeViewEdits))]
    public void Safe_view_edits_are_not_breaking(string edit, string path, string? before, string? after)
    {
        var view = edit switch
        {
            "description" => DriverStats with { Description = "Driver stats" },
            "owner" => DriverStats with { Owner = "data@corp" },
            "tags" => DriverStats with { Tags = new Dictionary<string, string> { ["team"] = "ranking" } },
            "ttl" => DriverStats with { Ttl = TimeSpan.FromHours(2) },
            "online" => DriverStats with { Online = false },
            "as_of_created" => DriverStats with { AsOfCreated = true },
            "quality" => DriverStats with { Quality = new QualityDefinition(QualityPolicy.Warn, [new QualityRule("conv_rate", NotNull: true)]) },
            "pii" => DriverStats.WithFeature("conv_rate", f => f with { Pii = PiiClass.Personal }),
            "feature description" => DriverStats.WithFeature("acc_rate", f => f with { Description = "Acceptance rate" }),
            "feature tags" => DriverStats.WithFeature("acc_rate", f => f with { Tags = new Dictionary<string, string> { ["unit"] = "ratio" } }),
            _ => DriverStats with { Features = [.. DriverStats.Features, new FeatureDefinition("rating", FeatureType.Float64)] },
        };

        var change = Only(Plan(Definitions.WithView(view)));

        Assert.False(change.Breaking);
        var field = Assert.Single(change.Fields);
        Assert.Equal((path, before, after, false), (field.Path, field.Before, field.After, field.Breaking));
    }

    [Fact]
    public void Safe_edits_of_entities_sources_and_services_are_not_breaking()
    {
        var desired = Definitions
            .WithEntity(Driver with { Description = "A driver", Owner = "ops@corp" })
            .WithSource(DriverHourly with { Path = "data/v2/*.parquet", FieldMapping = new Dictionary<string, string> { ["conv"] = "conv_rate" } })
            .WithService(DriverRanking with { Features = [new FeatureSelection("driver_stats", ["conv_rate", "acc_rate"])] });

        var plan = Plan(desired);

        Assert.Equal(3, plan.Changes.Count);
        Assert.All(plan.Changes, c => Assert.False(c.Breaking));
        Assert.Equal(
            ["description", "owner", "path", "field_mapping.conv", "features.driver_stats"],
            plan.Changes.SelectMany(c => c.Fields).Select(f => f.Path));
        Assert.Equal("[conv_rate, acc_rate]", plan.Changes[2].Fields[0].After);
    }

    [Fact]
    public void Reordering_features_is_a_safe_change()
    {
        var change = Only(Plan(Definitions.WithView(DriverStats with { Features = [.. DriverStats.Features.Reverse()] })));

        var field = Assert.Single(change.Fields);
        Assert.Equal(("features (order)", "[conv_rate, acc_rate, avg_daily_trips]", "[avg_daily_trips, acc_rate, conv_rate]", false),
            (field.Path, field.Before, field.After, field.Breaking));
    }

    [Fact]
    public void Objects_missing_from_the_repo_are_kept_without_DeleteMissing()
    {
        var plan = Plan(Definitions with { FeatureServices = [] });

        Assert.False(plan.HasChanges);
        Assert.Equal([(ObjectKind.FeatureService, "driver_ranking")], plan.MissingNotDeleted);
    }

    [Fact]
    public void DeleteMissing_removes_objects_missing_from_the_repo()
    {
        var plan = Plan(Definitions with { FeatureServices = [] }, new PlanOptions(DeleteMissing: true));

        var removal = Only(plan);
        Assert.Equal((ObjectKind.FeatureService, "driver_ranking", ChangeType.Removed, false, (string?)null),
            (removal.Kind, removal.Name, removal.Change, removal.Breaking, removal.NewDefinitionJson));
        Assert.Empty(plan.MissingNotDeleted);
    }

    [Fact]
    public void Removing_a_view_a_service_uses_is_breaking()
    {
        var plan = Plan(Definitions with { FeatureViews = [] }, new PlanOptions(DeleteMissing: true));

        var removal = Only(plan);
        Assert.True(removal.Breaking);
        Assert.Contains("'driver_ranking'", Assert.Single(removal.Fields).Reason, StringComparison.Ordinal);
        Assert.Single(plan.BlockingBreakingChanges);
    }

    [Fact]
    public void Removing_an_entity_or_source_a_view_uses_is_breaking()
    {
        var plan = Plan(Definitions with { Entities = [], DataSources = [] }, new PlanOptions(DeleteMissing: true));

        Assert.Equal([ObjectKind.Entity, ObjectKind.DataSource], plan.BlockingBreakingChanges.Select(c => c.Kind));
    }

    [Fact]
    public void Removing_a_view_together_with_its_service_is_not_breaking()
    {
        var plan = Plan(Definitions with { FeatureViews = [], FeatureServices = [] }, new PlanOptions(DeleteMissing: true));

        Assert.Equal(2, plan.Changes.Count);
        Assert.Empty(plan.BlockingBreakingChanges);
    }

    [Fact]
    public void Definitions_for_another_project_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => RegistryPlanner.Plan(RegistryDefinitions.Empty("other"), Current, new PlanOptions()));
    }
}
