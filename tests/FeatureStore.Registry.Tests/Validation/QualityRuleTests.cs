using FeatureStore.Registry.Model;
using FeatureStore.Registry.Validation;
using static FeatureStore.Registry.Tests.Validation.SampleDefinitions;

namespace FeatureStore.Registry.Tests.Validation;

public sealed class QualityRuleTests
{
    private static DefinitionProblem SingleProblem(FeatureViewDefinition driverStats, DataSourceDefinition? source = null) =>
        Assert.Single(DefinitionValidator.Validate(
            Valid with { DataSources = [source ?? Source], FeatureViews = [driverStats, CustomerProfile] }, CodeLocator.Instance));

    private static FeatureViewDefinition WithRules(params QualityRule[] rules) =>
        DriverStats with { Quality = new QualityDefinition(QualityPolicy.Fail, rules) };

    [Fact]
    public void Valid_quality_block_passes()
    {
        var view = WithRules(new QualityRule("conv_rate", NotNull: true, Min: 0, Max: 1), new QualityRule("trips", Allowed: ["1", "2"]));

        Assert.Empty(DefinitionValidator.Validate(Valid with { FeatureViews = [view, CustomerProfile] }, CodeLocator.Instance));
    }

    [Fact]
    public void Rule_on_unknown_feature_is_reported_with_the_known_ones()
    {
        var problem = SingleProblem(WithRules(new QualityRule("conv_rat", NotNull: true)));

        Assert.Equal("feature view 'driver_stats', field 'quality.rules[0].feature'", problem.Location);
        Assert.Equal("quality rule of feature view 'driver_stats' names unknown feature 'conv_rat' (known: conv_rate, trips)", problem.Message);
    }

    [Fact]
    public void Min_greater_than_max_is_reported()
    {
        var problem = SingleProblem(WithRules(new QualityRule("conv_rate", Min: 2, Max: 1)));

        Assert.Equal("quality rule on feature 'conv_rate' (float32) of feature view 'driver_stats' has min 2 greater than max 1", problem.Message);
    }

    [Fact]
    public void Min_on_a_string_feature_does_not_fit_its_type()
    {
        var view = CustomerProfile with { Quality = new QualityDefinition(QualityPolicy.Warn, [new QualityRule("city", Min: 0)]) };

        var problem = Assert.Single(DefinitionValidator.Validate(Valid with { FeatureViews = [DriverStats, view] }, CodeLocator.Instance));

        Assert.Equal("feature view 'customer_profile', field 'quality.rules[0].min'", problem.Location);
        Assert.Contains("min/max apply to numeric features", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Allowed_values_on_a_float_feature_do_not_fit_its_type()
    {
        var problem = SingleProblem(WithRules(new QualityRule("conv_rate", Allowed: ["0.5"])));

        Assert.Contains("allowed values apply to string, int32, int64 and bool features only", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Allowed_value_that_is_not_an_int64_is_reported()
    {
        var problem = SingleProblem(WithRules(new QualityRule("trips", Allowed: ["1", "many"])));

        Assert.EndsWith("allowed value 'many' is not a int64", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Max_null_fraction_outside_zero_to_one_is_reported()
    {
        var problem = SingleProblem(DriverStats with { Quality = new QualityDefinition(QualityPolicy.Warn, [], MaxNullFraction: 1.5) });

        Assert.Equal("feature view 'driver_stats', field 'quality.max_null_fraction'", problem.Location);
    }

    [Fact]
    public void As_of_created_needs_a_created_timestamp_on_the_source()
    {
        var problem = SingleProblem(DriverStats with { AsOfCreated = true });

        Assert.Equal("feature view 'driver_stats' sets as_of_created but its source 'trips_source' has no created_timestamp_field", problem.Message);
        Assert.Empty(DefinitionValidator.Validate(
            Valid with { DataSources = [Source with { CreatedTimestampField = "created_ts" }], FeatureViews = [DriverStats with { AsOfCreated = true }, CustomerProfile] },
            CodeLocator.Instance));
    }
}
