namespace FeatureStore.Registry.Tests.Yaml;

/// <summary>Each broken input gives the right "file:line:col: message". Line numbers refer to <see cref="QuickstartYaml"/>.</summary>
public sealed class BadDefinitionTests
{
    private static IReadOnlyList<string> ProblemsAfter(string find, string replace)
    {
        Assert.Contains(find, QuickstartYaml.Definitions, StringComparison.Ordinal);
        using var repo = new TempRepo().Write("features/driver.yaml", QuickstartYaml.Definitions.Replace(find, replace, StringComparison.Ordinal));
        return repo.Problems();
    }

    [Fact]
    public void Malformed_yaml_is_reported_at_the_parser_position()
    {
        using var repo = new TempRepo().Write("broken.yaml", "entities:\n  - name: driver\n    join_keys: [{name: driver_id, type: int64}\n");

        var problem = Assert.Single(repo.Problems());

        Assert.StartsWith("broken.yaml:4:1: malformed YAML: ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_indentation_is_reported_as_malformed_yaml()
    {
        using var repo = new TempRepo().Write("broken.yaml", "entities:\n  - name: driver\n     owner: x\n");

        var problem = Assert.Single(repo.Problems());

        Assert.StartsWith("broken.yaml:3:", problem, StringComparison.Ordinal);
        Assert.Contains("malformed YAML", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_key_in_a_mapping_is_reported_at_the_second_key()
    {
        var problem = Assert.Single(ProblemsAfter("    ttl: 2d\n", "    ttl: 2d\n    ttl: 3d\n"));

        Assert.Equal("features/driver.yaml:18:5: malformed YAML: Duplicate key ttl", problem);
    }

    [Fact]
    public void Unknown_key_is_reported_with_the_allowed_keys()
    {
        var problem = Assert.Single(ProblemsAfter("    ttl: 2d", "    ttll: 2d"));

        Assert.Equal(
            "features/driver.yaml:17:5: unknown key 'ttll' in feature view 'driver_stats'; allowed keys: name, entities, source, ttl, online, owner, description, tags, version, keep_versions, features, quality, as_of_created",
            problem);
    }

    [Fact]
    public void Wrong_type_of_value_names_what_was_expected_and_found()
    {
        using var repo = new TempRepo().Write("x.yaml", "entities: driver\n");

        Assert.Equal(["x.yaml:1:11: expected a list of entities for 'entities', found a scalar ('driver')"], repo.Problems());
    }

    [Fact]
    public void List_item_of_the_wrong_shape_is_reported()
    {
        using var repo = new TempRepo().Write("x.yaml", "feature_views:\n  - driver_stats\n");

        var problem = Assert.Single(repo.Problems());

        Assert.StartsWith("x.yaml:2:5: expected a feature view (a mapping with keys name, entities,", problem, StringComparison.Ordinal);
        Assert.EndsWith("found a scalar ('driver_stats')", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_feature_type_lists_the_valid_ones()
    {
        var problem = Assert.Single(ProblemsAfter("type: float32", "type: flaot32"));

        Assert.Equal(
            "features/driver.yaml:24:33: unknown type 'flaot32' for feature 'conv_rate'; valid types: int32, int64, float32, float64, bool, string, bytes, timestamp, list<float32>, list<float64>",
            problem);
    }

    [Fact]
    public void Bad_duration_is_reported_at_the_value()
    {
        var problem = Assert.Single(ProblemsAfter("ttl: 2d", "ttl: 2x"));

        Assert.StartsWith("features/driver.yaml:17:10: expected a duration (use 90s, 15m, 2h, 2d, 1w", problem, StringComparison.Ordinal);
        Assert.EndsWith("for 'ttl', found a scalar ('2x')", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_pii_class_is_reported()
    {
        var problem = Assert.Single(ProblemsAfter("pii: personal", "pii: secret"));

        Assert.Equal("features/driver.yaml:25:46: expected a PII class: none, personal or sensitive for 'pii', found a scalar ('secret')", problem);
    }

    [Fact]
    public void Missing_owner_is_reported_at_the_view()
    {
        var problem = Assert.Single(ProblemsAfter("    owner: rides-ml@example.com\n", ""));

        Assert.StartsWith("features/driver.yaml:14:5: feature view 'driver_stats' has no owner", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_entity_reference_is_reported_at_the_reference()
    {
        var problem = Assert.Single(ProblemsAfter("entities: [driver]", "entities: [drivr]"));

        Assert.Equal("features/driver.yaml:15:16: feature view 'driver_stats' uses unknown entity 'drivr' (known: driver)", problem);
    }

    [Fact]
    public void Feature_name_collision_inside_a_service_is_reported_at_the_second_selection()
    {
        const string More = """
            feature_views:
              - name: driver_quality
                entities: [driver]
                source: driver_stats_source
                owner: quality@example.com
                features:
                  - {name: conv_rate, type: float64}
            feature_services:
              - name: collide
                owner: x@example.com
                features:
                  - driver_stats: "*"
                  - driver_quality: [conv_rate]
            """;
        using var repo = new TempRepo().Write("features/driver.yaml", QuickstartYaml.Definitions).Write("more.yaml", More);

        var problem = Assert.Single(repo.Problems());

        Assert.Equal(
            "more.yaml:13:26: feature-name collision in feature service 'collide': 'conv_rate' is selected from both feature views 'driver_stats' and 'driver_quality'",
            problem);
    }

    [Fact]
    public void Missing_name_is_a_missing_required_key()
    {
        using var repo = new TempRepo().Write("x.yaml", "entities:\n  - join_keys: [{name: driver_id, type: int64}]\n");

        Assert.Equal(["x.yaml:2:5: entity is missing required key 'name'"], repo.Problems());
    }

    [Fact]
    public void Missing_feature_type_is_a_missing_required_key()
    {
        var problem = Assert.Single(ProblemsAfter("{name: home_city, type: string, pii: personal}", "{name: home_city, pii: personal}"));

        Assert.StartsWith("features/driver.yaml:25:9: feature 'home_city' is missing required key 'type' (one of int32, int64,", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Join_key_without_a_type_is_refused()
    {
        var problem = Assert.Single(ProblemsAfter("join_keys: [{name: driver_id, type: int64}]", "join_keys: [driver_id]"));

        Assert.Equal(
            "features/driver.yaml:3:17: join key 'driver_id' needs an explicit type: write {name: driver_id, type: int64} (join key types: int32, int64, string, bytes)",
            problem);
    }

    [Fact]
    public void Empty_feature_list_of_a_selection_is_refused_rather_than_meaning_all()
    {
        var problem = Assert.Single(ProblemsAfter("- driver_stats: [conv_rate]", "- driver_stats: []"));

        Assert.Equal("features/driver.yaml:30:23: expected a list of feature names of 'driver_stats' or \"*\" for all of them, found a list", problem);
    }

    [Fact]
    public void Problems_of_several_files_are_all_reported_at_once()
    {
        using var repo = new TempRepo()
            .Write("features/driver.yaml", QuickstartYaml.Definitions.Replace("ttl: 2d", "ttl: forever", StringComparison.Ordinal))
            .Write("a.yaml", "entities:\n  - name: customer\n    join_keys: [{name: customer_id, type: float32}]\n    colour: blue\n")
            .Write("b.yaml", "feature_views: [\n")
            .Write("c/views.yaml", "feature_views:\n  - name: trips\n    entities: [rider]\n    source: driver_stats_source\n    features: [{name: n, type: int64}]\n");

        var problems = repo.Problems();

        Assert.Equal(6, problems.Count);
        Assert.StartsWith("a.yaml:4:5: unknown key 'colour' in entity 'customer'", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("b.yaml:2:1: malformed YAML", problems[1], StringComparison.Ordinal);
        Assert.StartsWith("features/driver.yaml:17:10: expected a duration", problems[2], StringComparison.Ordinal);
        Assert.StartsWith("a.yaml:3:43: join key 'customer_id' of entity 'customer' has type float32", problems[3], StringComparison.Ordinal);
        Assert.StartsWith("c/views.yaml:3:16: feature view 'trips' uses unknown entity 'rider'", problems[4], StringComparison.Ordinal);
        Assert.StartsWith("c/views.yaml:2:5: feature view 'trips' has no owner", problems[5], StringComparison.Ordinal);
    }
}
