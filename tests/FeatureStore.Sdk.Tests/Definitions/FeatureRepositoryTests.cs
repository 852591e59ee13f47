using FeatureStore.Registry.Model;
using FeatureStore.Registry.Validation;
using FeatureStore.Sdk.Definitions;

namespace FeatureStore.Sdk.Tests.Definitions;

public sealed class FeatureRepositoryTests
{
    [Fact]
    public void Builder_declares_definitions_in_order_with_typed_references()
    {
        var repo = new FeatureRepository("quickstart");
        var driver = repo.Entity("driver", e => e.JoinKey("driver_id", FeatureType.Int64).Description("A driver").Owner("x"));
        var source = repo.ParquetSource("driver_stats_source", "data/driver_stats/", timestampField: "event_ts", s => s.CreatedTimestampField("created_ts"));
        var stats = repo.FeatureView("driver_stats", v => v
            .Entities(driver).Source(source).Ttl(TimeSpan.FromDays(2)).Owner("rides-ml@example.com").Tag("team", "rides")
            .Feature("conv_rate", FeatureType.Float32, f => f.Description("Conversion").Pii(PiiClass.None))
            .Feature("home_city", FeatureType.String, f => f.Pii(PiiClass.Personal)));
        repo.FeatureService("driver_ranking", s => s.Owner("ranking").Select(stats, "conv_rate"));

        var definitions = repo.Build();

        Assert.Equal("quickstart", definitions.Project);
        var view = Assert.Single(definitions.FeatureViews);
        Assert.Equal(["driver"], view.Entities);
        Assert.Equal(("driver_stats_source", TimeSpan.FromDays(2), true, 1), (view.Source, view.Ttl, view.Online, view.Version));
        Assert.Equal(PiiClass.Personal, view.Features[1].Pii);
        Assert.Equal("rides", view.Tags!["team"]);
        Assert.Equal("created_ts", Assert.Single(definitions.DataSources).CreatedTimestampField);
        Assert.Equal("driver_stats", definitions.FeatureServices[0].Features[0].View);
        Assert.Equal(["conv_rate"], definitions.FeatureServices[0].Features[0].Features);
    }

    [Fact]
    public void Build_throws_every_problem_located_by_object_and_field()
    {
        var repo = new FeatureRepository("quickstart");
        var driver = repo.Entity("driver", e => e.JoinKey("driver_id", FeatureType.Float64));
        var source = repo.ParquetSource("src", "data/", "event_ts");
        repo.FeatureView("driver_stats", v => v.Entities(driver).Source(source).Ttl(TimeSpan.FromHours(-1)).Feature("conv_rate", FeatureType.Float32));

        var exception = Assert.Throws<DefinitionException>(repo.Build);

        Assert.Equal(
            [
                "entity 'driver', field 'join_keys[0].type'",
                "feature view 'driver_stats', field 'ttl'",
                "feature view 'driver_stats', field 'owner'",
            ],
            exception.Problems.Select(p => p.Location));
        Assert.StartsWith("entity 'driver', field 'join_keys[0].type': join key 'driver_id'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("; feature view 'driver_stats', field 'ttl': ", exception.Message, StringComparison.Ordinal);
        Assert.Contains("; feature view 'driver_stats', field 'owner': ", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("more)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Definitions_from_another_repository_are_unknown_references()
    {
        var other = new FeatureRepository("other");
        var foreignEntity = other.Entity("rider", e => e.JoinKey("rider_id", FeatureType.Int64));
        var repo = new FeatureRepository("quickstart");
        var source = repo.ParquetSource("src", "data/", "event_ts");
        repo.FeatureView("v", v => v.Entities(foreignEntity).Source(source).Owner("o").Feature("f", FeatureType.Int64));

        var problem = Assert.Single(Assert.Throws<DefinitionException>(repo.Build).Problems);

        Assert.Equal("feature view 'v', field 'entities[0]'", problem.Location);
        Assert.Equal("feature view 'v' uses unknown entity 'rider' (none are declared)", problem.Message);
    }

    [Fact]
    public void Select_without_feature_names_is_refused_in_favour_of_select_all()
    {
        var repo = new FeatureRepository("quickstart");
        var view = new FeatureViewDefinition("v", [], [], "s", "o");

        var exception = Assert.Throws<ArgumentException>(() => repo.FeatureService("svc", s => s.Select(view)));

        Assert.StartsWith("Select('v') names no features; use SelectAll", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Project_name_must_be_an_identifier()
    {
        var problem = Assert.Single(Assert.Throws<DefinitionException>(new FeatureRepository("Quick Start").Build).Problems);

        Assert.Equal("project 'Quick Start'", problem.Location);
        Assert.StartsWith("'Quick Start' is not a valid project name", problem.Message, StringComparison.Ordinal);
    }
}
