namespace FeatureStore.Cli.Tests;

/// <summary>init → plan → apply → list / describe / history on the embedded SQLite registry, through the real CLI.</summary>
public sealed class RepoCommandTests : IDisposable
{
    private readonly TempRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    private Task<CliRunner.Result> Run(params string[] args) => CliRunner.RunAsync([.. args, "--repo", _repo.Dir]);

    [Fact]
    public async Task Init_scaffolds_definitions_and_parquet_history()
    {
        var init = await CliRunner.RunAsync("init", _repo.Dir);

        Assert.Equal(0, init.ExitCode);
        Assert.True(File.Exists(_repo.PathOf("featurestore.yaml")));
        Assert.True(File.Exists(_repo.PathOf("data/driver_stats.parquet")));
        Assert.True(File.Exists(_repo.PathOf("data/driver_embeddings.parquet")));
        Assert.Equal(14, Directory.GetDirectories(_repo.PathOf("data/customer_profile"), "date=*").Length);
        Assert.Contains("rows of history", init.Output);
    }

    [Fact]
    public async Task Init_refuses_a_directory_that_is_not_empty()
    {
        Directory.CreateDirectory(_repo.Dir);
        await File.WriteAllTextAsync(_repo.PathOf("notes.txt"), "mine");

        var init = await CliRunner.RunAsync("init", _repo.Dir);

        Assert.Equal(1, init.ExitCode);
        Assert.Single(init.ErrorLines);
        Assert.Contains("not empty", init.Error);
        Assert.Equal("mine", await File.ReadAllTextAsync(_repo.PathOf("notes.txt")));
    }

    [Fact]
    public async Task Plan_then_apply_registers_every_object_and_records_the_apply()
    {
        await CliRunner.RunAsync("init", _repo.Dir);

        var plan = await Run("plan");
        Assert.Equal(0, plan.ExitCode);
        Assert.Contains("driver_hourly_stats", plan.Output);
        var beforeApply = await Run("list", "feature-views");
        Assert.DoesNotContain("driver_hourly_stats", beforeApply.Output);

        var apply = await Run("apply");
        Assert.Equal(0, apply.ExitCode);
        Assert.Contains("revision 1", apply.Output);

        var views = await Run("list", "feature-views");
        Assert.Contains("driver_hourly_stats", views.Output);
        Assert.Contains("customer_profile", views.Output);
        Assert.Contains("driver_embedding", views.Output);
        var services = await Run("list", "feature-services");
        Assert.Contains("driver_ranking", services.Output);
        Assert.Contains("customer_risk", services.Output);
        var entities = await Run("list", "entities");
        Assert.Contains("driver_id:int64", entities.Output);
        Assert.Contains("customer_id:string", entities.Output);

        var history = await Run("history");
        Assert.Equal(0, history.ExitCode);
        Assert.Contains("driver_hourly_stats", history.Output);
    }

    [Fact]
    public async Task Describe_shows_owner_and_personal_data_of_a_service()
    {
        await CliRunner.RunAsync("init", _repo.Dir);
        await Run("apply");

        var describe = await Run("describe", "customer_risk");

        Assert.Equal(0, describe.ExitCode);
        Assert.Contains("risk-ml@example.com", describe.Output);
        Assert.Contains("customer_profile:age (personal)", describe.Output);
        Assert.Contains("customer_profile:credit_score (sensitive)", describe.Output);
        Assert.DoesNotContain("lifetime_value (", describe.Output);
    }

    [Fact]
    public async Task Describe_of_an_unknown_name_is_a_one_line_error()
    {
        await CliRunner.RunAsync("init", _repo.Dir);
        await Run("apply");

        var describe = await Run("describe", "no_such_thing");

        Assert.Equal(1, describe.ExitCode);
        Assert.Single(describe.ErrorLines);
        Assert.Contains("no_such_thing", describe.Error);
    }

    [Fact]
    public async Task Applying_the_same_repo_twice_changes_nothing()
    {
        await CliRunner.RunAsync("init", _repo.Dir);
        await Run("apply");

        var again = await Run("apply");

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("nothing to apply", again.Output);
        var history = await Run("history");
        Assert.DoesNotContain("revision 2", history.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_breaking_change_is_refused_until_the_view_gets_a_new_version()
    {
        await CliRunner.RunAsync("init", _repo.Dir);
        await Run("apply");
        _repo.Edit("drivers.yaml", "{name: conv_rate, type: float32", "{name: conv_rate, type: float64");

        var refused = await Run("apply");

        Assert.Equal(1, refused.ExitCode);
        Assert.Single(refused.ErrorLines);
        Assert.Contains("breaking", refused.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("float32", (await Run("describe", "driver_hourly_stats")).Output);

        _repo.Edit("drivers.yaml", "    ttl: 2d\n", "    ttl: 2d\n    version: 2\n");
        var accepted = await Run("apply");

        Assert.Equal(0, accepted.ExitCode);
        var describe = await Run("describe", "driver_hourly_stats");
        Assert.Matches(@"conv_rate\s+float64", describe.Output);
    }

    [Fact]
    public async Task Malformed_yaml_names_file_and_line_and_writes_nothing()
    {
        await CliRunner.RunAsync("init", _repo.Dir);
        await Run("apply");
        var historyBefore = (await Run("history")).Output;
        _repo.Edit("customers.yaml", "    ttl: 30d\n", "    ttl: 30d\n    description: [unclosed\n");

        var apply = await Run("apply");

        Assert.Equal(1, apply.ExitCode);
        Assert.StartsWith("error: ", apply.ErrorLines[0]);
        Assert.Matches(@"customers\.yaml:\d+", apply.ErrorLines[0]);
        Assert.Equal(historyBefore, (await Run("history")).Output);
    }

    [Fact]
    public async Task A_reference_to_a_missing_entity_is_refused_with_its_location()
    {
        await CliRunner.RunAsync("init", _repo.Dir);
        _repo.Edit("customers.yaml", "entities: [customer]", "entities: [shopper]");

        var apply = await Run("apply");

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("shopper", apply.ErrorLines[0]);
        Assert.Matches(@"customers\.yaml:\d+", apply.ErrorLines[0]);
        Assert.DoesNotContain("customer_profile", (await Run("list", "feature-views")).Output);
    }

    [Fact]
    public async Task Objects_removed_from_the_repo_stay_until_delete_missing_is_given()
    {
        await CliRunner.RunAsync("init", _repo.Dir);
        await Run("apply");
        File.Delete(_repo.PathOf("services.yaml"));

        var kept = await Run("apply");
        Assert.Equal(0, kept.ExitCode);
        Assert.Contains("driver_ranking", (await Run("list", "feature-services")).Output);

        var deleted = await Run("apply", "--delete-missing");
        Assert.Equal(0, deleted.ExitCode);
        Assert.DoesNotContain("driver_ranking", (await Run("list", "feature-services")).Output);
    }

    [Fact]
    public async Task A_missing_repo_is_a_one_line_error()
    {
        var plan = await Run("plan");

        Assert.Equal(1, plan.ExitCode);
        Assert.Single(plan.ErrorLines);
        Assert.Contains(_repo.Dir, plan.Error);
    }

    [Fact]
    public async Task An_unknown_command_fails_with_a_non_zero_exit_code()
    {
        var result = await CliRunner.RunAsync("no-such-command");

        Assert.NotEqual(0, result.ExitCode);
    }
}
