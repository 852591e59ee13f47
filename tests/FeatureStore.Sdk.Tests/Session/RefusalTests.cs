using FeatureStore.Client;
using FeatureStore.Registry.Model;
using FeatureStore.Sdk.Offline;

namespace FeatureStore.Sdk.Tests.Session;

/// <summary>What the session refuses, each with one <see cref="FeatureStoreException"/> whose message says what to do, in C# terms.</summary>
public sealed class RefusalTests
{
    public sealed record LabelWithTags(long DriverId, DateTimeOffset EventTimestamp, List<string> Tags);

    public sealed record LabelWithoutTimestamp(long DriverId, DateTimeOffset LabelledAt);

    public sealed record StrictRow(long DriverId, float ConvRate);

    [Fact]
    public async Task Definitions_for_another_project_are_refused_naming_both_projects_and_featurestore_yaml()
    {
        using var repo = await SampleRepo.CreateAsync();
        await using var store = await FeatureStoreSession.OpenAsync(repo.Dir);

        var error = await Assert.ThrowsAsync<FeatureStoreException>(() => store.ApplyAsync(RidesDefinitions.Build("taxis")));

        Assert.Equal(FeatureStoreErrorCode.ProjectMismatch, error.Code);
        Assert.Equal(
            $"the definitions are for project 'taxis' but {repo.PathOf("featurestore.yaml")} names project 'rides'; " +
            "build them with new FeatureRepository(\"rides\") or change 'project:' in featurestore.yaml",
            error.Message);
        Assert.Empty(await store.HistoryAsync());
        Assert.Equal(FeatureStoreErrorCode.ProjectMismatch, (await Assert.ThrowsAsync<FeatureStoreException>(() => store.PlanAsync(RidesDefinitions.Build("taxis")))).Code);
    }

    [Fact]
    public async Task A_folder_without_featurestore_yaml_is_refused_with_a_hint_to_run_init()
    {
        var dir = Directory.CreateTempSubdirectory("fs-sdk-empty-").FullName;
        try
        {
            var error = await Assert.ThrowsAsync<FeatureStoreException>(() => FeatureStoreSession.OpenAsync(dir));
            var missing = await Assert.ThrowsAsync<FeatureStoreException>(() => FeatureStoreSession.OpenAsync(Path.Combine(dir, "nope")));

            Assert.Equal(FeatureStoreErrorCode.RepoNotFound, error.Code);
            Assert.Equal($"{dir} has no featurestore.yaml (a feature repo needs one with at least 'project: <name>'); create a repo with `featurestore init <dir>`", error.Message);
            Assert.Equal(FeatureStoreErrorCode.RepoNotFound, missing.Code);
            Assert.Equal($"feature repo directory not found: {Path.Combine(dir, "nope")}; create one with `featurestore init {Path.Combine(dir, "nope")}`", missing.Message);
            Assert.Empty(Directory.GetFileSystemEntries(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_spine_property_of_an_unsupported_type_is_refused_naming_property_and_type()
    {
        var error = Assert.Throws<FeatureStoreException>(() => Spine.FromRows([new LabelWithTags(1001, DateTimeOffset.UtcNow, ["a"])]));

        Assert.Equal(FeatureStoreErrorCode.InvalidSpine, error.Code);
        Assert.Equal(
            "Spine.FromRows<LabelWithTags>: property 'Tags' has type List<String>, which a spine column cannot hold " +
            "(use long, int, string, DateTimeOffset, DateTime, double, float or bool, or their nullable forms)",
            error.Message);
    }

    [Fact]
    public async Task A_spine_without_the_timestamp_column_names_the_csharp_argument_not_the_cli_flag()
    {
        using var repo = await SampleRepo.CreateAsync();
        await using var store = await FeatureStoreSession.OpenAsync(repo.Dir);
        await store.ApplyAsync(RidesDefinitions.Build());
        var job = store.GetHistoricalFeatures(Spine.FromRows([new LabelWithoutTimestamp(1001, DateTimeOffset.UtcNow)]), ["driver_hourly_stats:conv_rate"]);

        var error = await Assert.ThrowsAsync<FeatureStoreException>(() => job.ExecuteAsync());

        Assert.Equal((FeatureStoreErrorCode.TrainingSet, FeatureStoreHint.TimestampColumn), (error.Code, error.Hint));
        Assert.Equal(
            "spine Spine.FromRows<LabelWithoutTimestamp> has no timestamp column 'event_timestamp' (columns: driver_id, labelled_at; " +
            "choose one with the timestampColumn argument of Spine.FromFile, FromRows or FromArrow)",
            error.Message);
        var rows = await store.GetHistoricalFeatures(
            Spine.FromRows([new LabelWithoutTimestamp(1001, DateTimeOffset.UtcNow)], timestampColumn: "labelled_at"), ["driver_hourly_stats:conv_rate"]).ExecuteAsync();
        Assert.Equal(1, rows.RowCount);
    }

    [Fact]
    public async Task A_breaking_change_is_refused_with_the_apply_option_to_allow_it()
    {
        using var repo = await SampleRepo.CreateAsync();
        await using var store = await FeatureStoreSession.OpenAsync(repo.Dir);
        await store.ApplyAsync(RidesDefinitions.Build());
        var changed = RidesDefinitions.Build(convRateType: FeatureType.Float64);

        var error = await Assert.ThrowsAsync<FeatureStoreException>(() => store.ApplyAsync(changed));

        Assert.Equal((FeatureStoreErrorCode.BreakingChange, FeatureStoreHint.BumpVersionOrAllowBreaking), (error.Code, error.Hint));
        Assert.StartsWith("apply blocked (1 breaking change): feature view 'driver_hourly_stats' ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("; bump the view's Version or set ApplyOptions.AllowBreaking", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("--", error.Message, StringComparison.Ordinal);
        Assert.Single(await store.HistoryAsync());

        var allowed = await store.ApplyAsync(changed, new ApplyOptions { AllowBreaking = true });
        var bumped = await store.ApplyAsync(RidesDefinitions.Build(driverStatsVersion: 2));
        Assert.Equal((2L, 3L), (allowed.Record!.Revision, bumped.Record!.Revision));
    }

    [Fact]
    public async Task Definitions_the_source_files_cannot_feed_are_refused_at_plan_time_and_missing_data_is_a_warning()
    {
        using var repo = await SampleRepo.CreateAsync();
        await using var store = await FeatureStoreSession.OpenAsync(repo.Dir);
        var wrongType = RidesDefinitions.Build(convRateType: FeatureType.Int32);
        var valid = RidesDefinitions.Build();
        var noDataYet = valid with { DataSources = [.. valid.DataSources.Select(d => d.Name == "driver_embeddings_source" ? d with { Path = "data/later/*.parquet" } : d)] };

        var plan = await Assert.ThrowsAsync<FeatureStoreException>(() => store.PlanAsync(wrongType));
        var apply = await Assert.ThrowsAsync<FeatureStoreException>(() => store.ApplyAsync(wrongType));
        var warnings = await store.CheckSourceDataAsync(noDataYet);

        Assert.Equal((FeatureStoreErrorCode.InvalidSourceData, FeatureStoreErrorCode.InvalidSourceData), (plan.Code, apply.Code));
        var problem = Assert.Single(plan.Problems);
        Assert.Contains("data/driver_stats.parquet", plan.Message, StringComparison.Ordinal);
        Assert.Contains("'conv_rate'", problem.ToString(), StringComparison.Ordinal);
        Assert.Contains("int32", problem.Message, StringComparison.Ordinal);
        Assert.Empty(await store.HistoryAsync());
        Assert.Equal(FeatureStore.Offline.Validation.DataProblemSeverity.Warning, Assert.Single(warnings).Severity);
        Assert.False((await store.PlanAsync(noDataYet)).BlockingBreakingChanges.Any());
    }

    [Fact]
    public async Task Definitions_that_break_rules_are_refused_with_every_problem()
    {
        using var repo = await SampleRepo.CreateAsync();
        await using var store = await FeatureStoreSession.OpenAsync(repo.Dir);
        var valid = RidesDefinitions.Build();
        var broken = valid with
        {
            FeatureViews = [.. valid.FeatureViews.Select(v => v.Name == "customer_profile" ? v with { Entities = ["shopper"], Ttl = TimeSpan.FromHours(-1) } : v)],
        };

        var error = await Assert.ThrowsAsync<FeatureStoreException>(() => store.PlanAsync(broken));

        Assert.Equal(FeatureStoreErrorCode.InvalidDefinitions, error.Code);
        Assert.True(error.Problems.Count >= 2, error.Message);
        Assert.Contains(error.Problems, p => p.Location == "feature view 'customer_profile', field 'entities[0]'" && p.Message.Contains("shopper", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Location == "feature view 'customer_profile', field 'ttl'");
        Assert.StartsWith(error.Problems[0].ToString() + "; " + error.Problems[1], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Materializing_before_any_apply_says_to_apply_first_in_csharp_terms()
    {
        using var repo = await SampleRepo.CreateAsync();
        await using var store = await FeatureStoreSession.OpenAsync(repo.Dir);

        var error = await Assert.ThrowsAsync<FeatureStoreException>(() => store.MaterializeIncrementalAsync());

        Assert.Equal((FeatureStoreErrorCode.Materialization, FeatureStoreHint.ApplyFirst), (error.Code, error.Hint));
        Assert.Equal("project 'rides' has nothing registered; apply definitions first with FeatureStoreSession.ApplyAsync", error.Message);
    }

    [Fact]
    public async Task Online_reads_and_row_mapping_refuse_what_does_not_fit()
    {
        using var repo = await SampleRepo.CreateAsync();
        await using var store = await FeatureStoreSession.OpenAsync(repo.Dir);
        await store.ApplyAsync(RidesDefinitions.Build());

        var unknown = await Assert.ThrowsAsync<FeatureStoreException>(() =>
            store.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures("driver_hourly_stats:speed").WithEntities("driver_id", 1001L)));
        var wrongType = await Assert.ThrowsAsync<FeatureStoreException>(() =>
            store.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures("driver_hourly_stats:conv_rate").WithEntities("driver_id", "1001")));
        var table = await store.GetHistoricalFeatures(
            Spine.FromRows([new QuickstartFlowTests.Label(99_999, DateTimeOffset.UtcNow, 1)]), ["driver_hourly_stats:conv_rate"]).ExecuteAsync();
        var nullIntoFloat = Assert.Throws<FeatureStoreException>(() => table.ToRows<StrictRow>());

        Assert.Equal(FeatureStoreErrorCode.InvalidOnlineRequest, unknown.Code);
        Assert.Equal("feature 'speed' is not in feature view 'driver_hourly_stats' (its features: conv_rate, acc_rate, avg_daily_trips, rating)", unknown.Message);
        Assert.Equal("entity column 'driver_id' row 0: expected int64, got string 1001", wrongType.Message);
        Assert.Equal(FeatureStoreErrorCode.InvalidRowType, nullIntoFloat.Code);
        Assert.Equal("ToRows: StrictRow(ConvRate) from row 0 column 'conv_rate' is null (status MISSING), which float cannot hold; use float?", nullIntoFloat.Message);
    }
}
