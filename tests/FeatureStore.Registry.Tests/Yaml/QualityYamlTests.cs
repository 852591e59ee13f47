using FeatureStore.Registry.Model;

namespace FeatureStore.Registry.Tests.Yaml;

/// <summary>The quality block and as_of_created in YAML: read into the model, bad values located at their line and column.</summary>
public sealed class QualityYamlTests
{
    private static TempRepo RepoWith(string block) => new TempRepo().Write(
        "features/driver.yaml",
        QuickstartYaml.Definitions.Replace("    version: 1\n", "    version: 1\n" + block, StringComparison.Ordinal));

    [Fact]
    public void Quality_block_and_as_of_created_are_read_into_the_view()
    {
        using var repo = RepoWith("""
                as_of_created: true
                quality:
                  policy: quarantine
                  max_null_fraction: 0.1
                  rules:
                    - {feature: conv_rate, not_null: true, min: 0, max: 1}
                    - {feature: home_city, allowed: [London, Paris]}

            """);

        var view = Assert.Single(repo.Load().Definitions.FeatureViews);

        Assert.True(view.AsOfCreated);
        var quality = Assert.IsType<QualityDefinition>(view.Quality);
        Assert.Equal((QualityPolicy.Quarantine, 0.1), (quality.Policy, quality.MaxNullFraction));
        Assert.Equal(new QualityRule("conv_rate", true, 0, 1), quality.Rules[0] with { Allowed = null });
        Assert.Equal(["London", "Paris"], quality.Rules[1].Allowed!);
    }

    [Fact]
    public void Unknown_policy_is_reported_at_its_value()
    {
        using var repo = RepoWith("    quality:\n      policy: drop\n");

        Assert.Equal(["features/driver.yaml:24:15: expected a quality policy: fail, quarantine or warn for 'policy', found a scalar ('drop')"], repo.Problems());
    }

    [Fact]
    public void Min_greater_than_max_is_located_at_the_rule_min()
    {
        using var repo = RepoWith("    quality:\n      policy: fail\n      rules:\n        - {feature: conv_rate, min: 3, max: 1}\n");

        var problem = Assert.Single(repo.Problems());

        Assert.StartsWith("features/driver.yaml:26:37: quality rule on feature 'conv_rate' (float32)", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Rule_on_unknown_feature_is_located_at_the_feature_name()
    {
        using var repo = RepoWith("    quality:\n      policy: warn\n      rules:\n        - {feature: nope, not_null: true}\n");

        Assert.Equal(
            ["features/driver.yaml:26:21: quality rule of feature view 'driver_stats' names unknown feature 'nope' (known: conv_rate, home_city)"],
            repo.Problems());
    }
}
