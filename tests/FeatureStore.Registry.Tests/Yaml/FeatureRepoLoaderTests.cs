using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;
using FeatureStore.Registry.Validation;
using FeatureStore.Registry.Yaml;

namespace FeatureStore.Registry.Tests.Yaml;

public sealed class FeatureRepoLoaderTests
{
    [Fact]
    public void Valid_repo_loads_to_the_expected_model()
    {
        using var repo = new TempRepo().Write("features/driver.yaml", QuickstartYaml.Definitions);

        var loaded = repo.Load();

        var definitions = loaded.Definitions;
        Assert.Equal("quickstart", definitions.Project);
        Assert.Equal(Path.GetFullPath(repo.Dir), loaded.RepoDir);
        Assert.Equal(RegistryStoreSettings.Default, loaded.Config.Registry);

        var entity = Assert.Single(definitions.Entities);
        Assert.Equal(new JoinKey("driver_id", FeatureType.Int64), Assert.Single(entity.JoinKeys));
        Assert.Equal(("A driver", "rides@example.com", "rides"), (entity.Description, entity.Owner, entity.Tags!["team"]));

        var source = Assert.Single(definitions.DataSources);
        Assert.Equal(("data/driver_stats/", "event_ts", "created_ts"), (source.Path, source.TimestampField, source.CreatedTimestampField));
        Assert.Equal("conv_rate", source.FieldMapping!["conv_rate_raw"]);

        var view = Assert.Single(definitions.FeatureViews);
        Assert.Equal(["driver"], view.Entities);
        Assert.Equal(("driver_stats_source", "rides-ml@example.com", TimeSpan.FromDays(2), true, 1), (view.Source, view.Owner, view.Ttl, view.Online, view.Version));
        Assert.Null(view.Tags);
        Assert.Equal(
            [
                new FeatureDefinition("conv_rate", FeatureType.Float32, "Conversion rate", PiiClass.None),
                new FeatureDefinition("home_city", FeatureType.String, Pii: PiiClass.Personal),
            ],
            view.Features.Select(f => f with { Tags = null }));
        Assert.Equal("gold", view.Features[0].Tags!["quality"]);

        var service = Assert.Single(definitions.FeatureServices);
        Assert.Equal("ranking@example.com", service.Owner);
        Assert.Equal("driver_stats", Assert.Single(service.Features).View);
        Assert.Equal(["conv_rate"], service.Features[0].Features);
    }

    [Fact]
    public void Locator_of_a_loaded_repo_points_at_fields_and_objects()
    {
        using var repo = new TempRepo().Write("features/driver.yaml", QuickstartYaml.Definitions);

        var locator = repo.Load().Locator;

        Assert.Equal("features/driver.yaml:17:10", locator.Locate(ObjectKind.FeatureView, "driver_stats", "ttl"));
        Assert.Equal("features/driver.yaml:14:5", locator.Locate(ObjectKind.FeatureView, "driver_stats"));
        Assert.Equal("features/driver.yaml:25:33", locator.Locate(ObjectKind.FeatureView, "driver_stats", "features[1].type"));
        Assert.Equal("features/driver.yaml:30:24", locator.Locate(ObjectKind.FeatureService, "driver_ranking", "features[0].features[0]"));
        Assert.Equal("features/driver.yaml:14:5", locator.Locate(ObjectKind.FeatureView, "driver_stats", "no_such_field"));
    }

    [Fact]
    public void Definitions_may_be_spread_over_files_and_folders_in_yml_or_yaml()
    {
        var parts = QuickstartYaml.Definitions.Split("feature_views:");
        using var repo = new TempRepo()
            .Write("a/entities_and_sources.yml", parts[0])
            .Write("b/c/views.yaml", "feature_views:" + parts[1]);

        var definitions = repo.Load().Definitions;

        Assert.Equal((1, 1, 1, 1), (definitions.Entities.Count, definitions.DataSources.Count, definitions.FeatureViews.Count, definitions.FeatureServices.Count));
    }

    [Fact]
    public void Hidden_folders_and_node_modules_are_skipped()
    {
        using var repo = new TempRepo()
            .Write("features/driver.yaml", QuickstartYaml.Definitions)
            .Write(".featurestore/state.yaml", "not: definitions")
            .Write("node_modules/pkg/config.yml", "also: [not, definitions]");

        Assert.Single(repo.Load().Definitions.FeatureViews);
    }

    [Fact]
    public void A_yaml_file_that_is_not_definitions_is_an_error_naming_it()
    {
        using var repo = new TempRepo().Write("docker-compose.yaml", "services:\n  redis: {image: redis}\n");

        var problem = Assert.Single(repo.Problems());

        Assert.StartsWith("docker-compose.yaml:1:1: unknown key 'services' in definitions file; allowed keys: entities, data_sources, feature_views, feature_services", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_definition_files_are_allowed()
    {
        using var repo = new TempRepo().Write("empty.yaml", "").Write("comment.yaml", "# nothing yet\n");

        Assert.Empty(repo.Load().Definitions.FeatureViews);
    }

    [Fact]
    public void Missing_repo_directory_is_a_clear_error_naming_the_path()
    {
        var missing = Path.Combine(Path.GetTempPath(), "fs-missing-" + Guid.NewGuid().ToString("N"));

        var exception = Assert.Throws<DefinitionException>(() => FeatureRepoLoader.Load(missing));

        Assert.Equal($"{missing}: feature repo directory not found", exception.Message);
    }

    [Fact]
    public void Missing_featurestore_yaml_is_a_clear_error_naming_the_path()
    {
        using var repo = new TempRepo(project: "");

        var exception = Assert.Throws<DefinitionException>(repo.Load);

        Assert.Equal($"{Path.Combine(repo.Dir, "featurestore.yaml")}: featurestore.yaml not found; a feature repo needs one with at least 'project: <name>'", exception.Message);
    }

    [Fact]
    public void Object_declared_twice_across_files_is_reported_at_the_second_with_the_first()
    {
        const string Entity = "entities:\n  - name: driver\n    join_keys: [{name: driver_id, type: int64}]\n";
        using var repo = new TempRepo().Write("a.yaml", Entity).Write("b.yaml", "\n" + Entity);

        var problem = Assert.Single(repo.Problems());

        Assert.Equal("b.yaml:3:5: entity 'driver' is declared twice; the first declaration is at a.yaml:2:5", problem);
    }
}
