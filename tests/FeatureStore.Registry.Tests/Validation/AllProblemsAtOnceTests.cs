using FeatureStore.Registry.Model;
using FeatureStore.Registry.Validation;
using static FeatureStore.Registry.Tests.Validation.SampleDefinitions;

namespace FeatureStore.Registry.Tests.Validation;

public sealed class AllProblemsAtOnceTests
{
    [Fact]
    public void Five_different_problems_are_all_reported_with_their_locations()
    {
        var definitions = Valid with
        {
            Entities = [Driver with { JoinKeys = [] }, Customer],
            DataSources = [Source with { TimestampField = "" }],
            FeatureViews = [DriverStats with { Ttl = TimeSpan.Zero }, CustomerProfile with { Owner = "" }],
            FeatureServices = [Ranking with { Features = [new FeatureSelection("nope", [])] }],
        };

        var locations = DefinitionValidator.Validate(definitions, CodeLocator.Instance).Select(p => p.Location).ToList();

        Assert.Equal(
            [
                "entity 'driver', field 'join_keys'",
                "data source 'trips_source', field 'timestamp_field'",
                "feature view 'driver_stats', field 'ttl'",
                "feature view 'customer_profile', field 'owner'",
                "feature service 'ranking', field 'features[0]'",
            ],
            locations);
    }

    [Fact]
    public void Exception_message_lists_the_first_three_problems_and_the_count_of_the_others()
    {
        var problems = new[]
        {
            new DefinitionProblem("a.yaml:1:1", "first"), new DefinitionProblem("b.yaml:2:3", "second"), new DefinitionProblem("c", "third"),
            new DefinitionProblem("d", "fourth"), new DefinitionProblem("e", "fifth"),
        };

        Assert.Equal("a.yaml:1:1: first; b.yaml:2:3: second; c: third (and 2 more)", new DefinitionException(problems).Message);
        Assert.Equal("a.yaml:1:1: first; b.yaml:2:3: second; c: third (and 1 more)", new DefinitionException(problems[..4]).Message);
        Assert.Equal("a.yaml:1:1: first; b.yaml:2:3: second; c: third", new DefinitionException(problems[..3]).Message);
        Assert.Equal("a.yaml:1:1: first; b.yaml:2:3: second", new DefinitionException(problems[..2]).Message);
        Assert.Equal("a.yaml:1:1: first", new DefinitionException(problems[0]).Message);
        Assert.Equal(5, new DefinitionException(problems).Problems.Count);
    }

    [Fact]
    public void Throw_if_invalid_throws_one_exception_carrying_every_problem()
    {
        var definitions = Valid with { FeatureViews = [DriverStats with { Owner = "", Version = 0 }, CustomerProfile] };

        var exception = Assert.Throws<DefinitionException>(() => DefinitionValidator.ThrowIfInvalid(definitions, CodeLocator.Instance));

        Assert.Equal(2, exception.Problems.Count);
        Assert.DoesNotContain('\n', exception.Message);
    }

    [Fact]
    public void Code_locator_names_the_object_and_field()
    {
        Assert.Equal("feature view 'driver_stats', field 'ttl'", CodeLocator.Instance.Locate(ObjectKind.FeatureView, "driver_stats", "ttl"));
        Assert.Equal("data source 'src'", CodeLocator.Instance.Locate(ObjectKind.DataSource, "src"));
        Assert.Equal("x: y", new DefinitionProblem("x", "y").ToString());
    }
}
