using FeatureStore.Registry.Model;
using FeatureStore.Registry.Validation;
using static FeatureStore.Registry.Tests.Validation.SampleDefinitions;

namespace FeatureStore.Registry.Tests.Validation;

public sealed class NameAndDuplicateRuleTests
{
    [Fact]
    public void Valid_definitions_have_no_problems()
    {
        Assert.Empty(DefinitionValidator.Validate(Valid, CodeLocator.Instance));
    }

    [Theory]
    [InlineData("Driver")]
    [InlineData("1driver")]
    [InlineData("driver-id")]
    [InlineData("")]
    public void Object_name_that_is_not_an_identifier_is_reported_with_the_rule(string name)
    {
        var definitions = Valid with { Entities = [Driver with { Name = name }, Customer] };

        var problems = DefinitionValidator.Validate(definitions, CodeLocator.Instance);

        var problem = Assert.Single(problems, p => p.Message.Contains("entity name", StringComparison.Ordinal));
        Assert.Equal($"entity '{name}', field 'name'", problem.Location);
        Assert.Contains("^[a-z_][a-z0-9_]*$", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Feature_name_that_is_not_an_identifier_is_reported()
    {
        var view = DriverStats with { Features = [new FeatureDefinition("Conv Rate", FeatureType.Float32)] };

        var problem = Assert.Single(DefinitionValidator.Validate(Valid with { FeatureViews = [view, CustomerProfile], FeatureServices = [] }, CodeLocator.Instance));

        Assert.Equal("feature view 'driver_stats', field 'features[0]'", problem.Location);
        Assert.Contains("'Conv Rate' is not a valid feature name", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_name_within_a_kind_is_reported_once()
    {
        var definitions = Valid with { DataSources = [Source, Source with { Path = "other/" }] };

        var problem = Assert.Single(DefinitionValidator.Validate(definitions, CodeLocator.Instance));

        Assert.Equal("data source 'trips_source'", problem.Location);
        Assert.Equal("data source 'trips_source' is declared 2 times; data source names must be unique", problem.Message);
    }

    [Fact]
    public void Same_name_in_different_kinds_is_allowed()
    {
        var definitions = Valid with { DataSources = [Source, Source with { Name = "driver" }] };

        Assert.Empty(DefinitionValidator.Validate(definitions, CodeLocator.Instance));
    }
}
