using FeatureStore.Registry.Model;
using FeatureStore.Registry.Validation;
using static FeatureStore.Registry.Tests.Validation.SampleDefinitions;

namespace FeatureStore.Registry.Tests.Validation;

public sealed class FeatureViewRuleTests
{
    private static DefinitionProblem SingleProblem(FeatureViewDefinition driverStats) =>
        Assert.Single(DefinitionValidator.Validate(Valid with { FeatureViews = [driverStats, CustomerProfile] }, CodeLocator.Instance));

    [Fact]
    public void Unknown_entity_is_reported_with_the_known_ones()
    {
        var problem = SingleProblem(DriverStats with { Entities = ["drivr"] });

        Assert.Equal("feature view 'driver_stats', field 'entities[0]'", problem.Location);
        Assert.Equal("feature view 'driver_stats' uses unknown entity 'drivr' (known: customer, driver)", problem.Message);
    }

    [Fact]
    public void Unknown_source_is_reported()
    {
        var problem = SingleProblem(DriverStats with { Source = "trip_source" });

        Assert.Equal("feature view 'driver_stats', field 'source'", problem.Location);
        Assert.Equal("feature view 'driver_stats' reads unknown data source 'trip_source' (known: trips_source)", problem.Message);
    }

    [Fact]
    public void Missing_source_is_reported_as_missing()
    {
        var problem = SingleProblem(DriverStats with { Source = "" });

        Assert.StartsWith("feature view 'driver_stats' has no source", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void View_without_features_is_reported()
    {
        var problems = DefinitionValidator.Validate(Valid with { FeatureViews = [DriverStats with { Features = [] }, CustomerProfile] }, CodeLocator.Instance);

        Assert.Contains(problems, p => p.Location == "feature view 'driver_stats', field 'features'" && p.Message == "feature view 'driver_stats' has no features");
    }

    [Fact]
    public void Duplicate_feature_name_is_reported_at_the_second_feature()
    {
        var problem = SingleProblem(DriverStats with { Features = [.. DriverStats.Features, new FeatureDefinition("trips", FeatureType.Int32)] });

        Assert.Equal("feature view 'driver_stats', field 'features[2]'", problem.Location);
        Assert.Equal("feature 'trips' is declared twice in feature view 'driver_stats'", problem.Message);
    }

    [Fact]
    public void Feature_named_like_a_join_key_of_its_entities_is_reported()
    {
        var problem = SingleProblem(DriverStats with { Features = [.. DriverStats.Features, new FeatureDefinition("driver_id", FeatureType.Int64)] });

        Assert.Equal("feature view 'driver_stats', field 'features[2]'", problem.Location);
        Assert.Contains("has the name of join key 'driver_id' of entity 'driver'", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(-3600, "-1h")]
    public void Ttl_that_is_not_positive_is_reported(int seconds, string shown)
    {
        var problem = SingleProblem(DriverStats with { Ttl = TimeSpan.FromSeconds(seconds) });

        Assert.Equal("feature view 'driver_stats', field 'ttl'", problem.Location);
        Assert.StartsWith($"ttl of feature view 'driver_stats' must be positive, found {shown}", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_ttl_is_allowed()
    {
        Assert.Empty(DefinitionValidator.Validate(Valid with { FeatureViews = [DriverStats with { Ttl = null }, CustomerProfile] }, CodeLocator.Instance));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void Version_below_one_is_reported(int version)
    {
        var problem = SingleProblem(DriverStats with { Version = version });

        Assert.Equal("feature view 'driver_stats', field 'version'", problem.Location);
        Assert.Equal($"version of feature view 'driver_stats' must be 1 or more, found {version}", problem.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Missing_or_blank_owner_is_reported(string owner)
    {
        var problem = SingleProblem(DriverStats with { Owner = owner });

        Assert.Equal("feature view 'driver_stats', field 'owner'", problem.Location);
        Assert.StartsWith("feature view 'driver_stats' has no owner", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Join_keys_of_two_entities_of_one_view_must_not_collide()
    {
        var rider = new EntityDefinition("rider", [new JoinKey("driver_id", FeatureType.Int64)]);
        var definitions = Valid with
        {
            Entities = [Driver, Customer, rider],
            FeatureViews = [DriverStats with { Entities = ["driver", "rider"] }, CustomerProfile],
        };

        var problem = Assert.Single(DefinitionValidator.Validate(definitions, CodeLocator.Instance));

        Assert.Equal("feature view 'driver_stats', field 'entities[1]'", problem.Location);
        Assert.Equal("entities 'driver' and 'rider' of feature view 'driver_stats' both have join key 'driver_id'; a view's join keys must be distinct", problem.Message);
    }

    [Fact]
    public void Entity_listed_twice_in_a_view_is_reported()
    {
        var problem = SingleProblem(DriverStats with { Entities = ["driver", "driver"] });

        Assert.Equal("feature view 'driver_stats', field 'entities[1]'", problem.Location);
        Assert.Equal("entity 'driver' is listed twice in feature view 'driver_stats'", problem.Message);
    }
}
