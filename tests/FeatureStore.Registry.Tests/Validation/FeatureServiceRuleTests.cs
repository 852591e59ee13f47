using FeatureStore.Registry.Model;
using FeatureStore.Registry.Validation;
using static FeatureStore.Registry.Tests.Validation.SampleDefinitions;

namespace FeatureStore.Registry.Tests.Validation;

public sealed class FeatureServiceRuleTests
{
    private static IReadOnlyList<DefinitionProblem> Problems(FeatureServiceDefinition service, params FeatureViewDefinition[] extraViews) =>
        DefinitionValidator.Validate(
            Valid with { FeatureViews = [DriverStats, CustomerProfile, .. extraViews], FeatureServices = [service] },
            CodeLocator.Instance);

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Missing_owner_is_reported(string owner)
    {
        var problem = Assert.Single(Problems(Ranking with { Owner = owner }));

        Assert.Equal("feature service 'ranking', field 'owner'", problem.Location);
        Assert.StartsWith("feature service 'ranking' has no owner", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_view_is_reported()
    {
        var problem = Assert.Single(Problems(Ranking with { Features = [new FeatureSelection("driver_statz", ["conv_rate"])] }));

        Assert.Equal("feature service 'ranking', field 'features[0]'", problem.Location);
        Assert.Equal("feature service 'ranking' selects from unknown feature view 'driver_statz' (known: customer_profile, driver_stats)", problem.Message);
    }

    [Fact]
    public void Unknown_feature_in_a_view_is_reported_with_the_view_features()
    {
        var problem = Assert.Single(Problems(Ranking with { Features = [new FeatureSelection("driver_stats", ["conv_rate", "acc_rate"])] }));

        Assert.Equal("feature service 'ranking', field 'features[0].features[1]'", problem.Location);
        Assert.Equal("feature view 'driver_stats' has no feature 'acc_rate' (its features: conv_rate, trips)", problem.Message);
    }

    [Fact]
    public void Empty_selection_is_reported()
    {
        var problem = Assert.Single(Problems(Ranking with { Features = [] }));

        Assert.Equal("feature service 'ranking', field 'features'", problem.Location);
        Assert.Equal("feature service 'ranking' selects no features", problem.Message);
    }

    [Fact]
    public void Same_feature_name_selected_from_two_views_is_a_collision()
    {
        var otherTrips = new FeatureViewDefinition(
            "customer_trips", ["customer"], [new FeatureDefinition("trips", FeatureType.Int64)], "trips_source", "growth@example.com");
        var service = Ranking with { Features = [new FeatureSelection("driver_stats", ["trips"]), new FeatureSelection("customer_trips", ["trips"])] };

        var problem = Assert.Single(Problems(service, otherTrips));

        Assert.Equal("feature service 'ranking', field 'features[1].features[0]'", problem.Location);
        Assert.Equal("feature-name collision in feature service 'ranking': 'trips' is selected from both feature views 'driver_stats' and 'customer_trips'", problem.Message);
    }

    [Fact]
    public void Collision_through_select_all_is_located_at_the_selection()
    {
        var otherTrips = new FeatureViewDefinition(
            "customer_trips", ["customer"], [new FeatureDefinition("trips", FeatureType.Int64)], "trips_source", "growth@example.com");
        var service = Ranking with { Features = [new FeatureSelection("driver_stats", []), new FeatureSelection("customer_trips", [])] };

        var problem = Assert.Single(Problems(service, otherTrips));

        Assert.Equal("feature service 'ranking', field 'features[1]'", problem.Location);
        Assert.Contains("'trips' is selected from both feature views 'driver_stats' and 'customer_trips'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void View_selected_twice_is_reported()
    {
        var service = Ranking with { Features = [new FeatureSelection("driver_stats", ["conv_rate"]), new FeatureSelection("driver_stats", ["trips"])] };

        var problem = Assert.Single(Problems(service));

        Assert.Equal("feature service 'ranking', field 'features[1]'", problem.Location);
        Assert.StartsWith("feature view 'driver_stats' is selected twice in feature service 'ranking'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Feature_selected_twice_from_one_view_is_reported()
    {
        var problem = Assert.Single(Problems(Ranking with { Features = [new FeatureSelection("driver_stats", ["trips", "trips"])] }));

        Assert.Equal("feature service 'ranking', field 'features[0].features[1]'", problem.Location);
        Assert.Equal("feature 'trips' of feature view 'driver_stats' is selected twice in feature service 'ranking'", problem.Message);
    }
}
