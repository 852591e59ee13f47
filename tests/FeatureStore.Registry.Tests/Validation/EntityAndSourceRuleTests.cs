using FeatureStore.Registry.Model;
using FeatureStore.Registry.Validation;
using static FeatureStore.Registry.Tests.Validation.SampleDefinitions;

namespace FeatureStore.Registry.Tests.Validation;

public sealed class EntityAndSourceRuleTests
{
    private static DefinitionProblem SingleProblem(RegistryDefinitions definitions) =>
        Assert.Single(DefinitionValidator.Validate(definitions, CodeLocator.Instance));

    [Fact]
    public void Entity_without_join_keys_is_reported()
    {
        var problem = SingleProblem(Valid with { Entities = [Driver with { JoinKeys = [] }, Customer] });

        Assert.Equal("entity 'driver', field 'join_keys'", problem.Location);
        Assert.StartsWith("entity 'driver' has no join keys", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_join_key_is_reported_at_the_second_key()
    {
        var driver = Driver with { JoinKeys = [new JoinKey("driver_id", FeatureType.Int64), new JoinKey("driver_id", FeatureType.String)] };

        var problem = SingleProblem(Valid with { Entities = [driver, Customer] });

        Assert.Equal("entity 'driver', field 'join_keys[1]'", problem.Location);
        Assert.Equal("join key 'driver_id' is declared twice in entity 'driver'", problem.Message);
    }

    [Theory]
    [InlineData(FeatureType.Float32)]
    [InlineData(FeatureType.Float64)]
    [InlineData(FeatureType.Bool)]
    [InlineData(FeatureType.Timestamp)]
    [InlineData(FeatureType.Float32List)]
    public void Join_key_type_that_is_not_exact_match_is_reported(FeatureType type)
    {
        var problem = SingleProblem(Valid with { Entities = [Driver with { JoinKeys = [new JoinKey("driver_id", type)] }, Customer] });

        Assert.Equal("entity 'driver', field 'join_keys[0].type'", problem.Location);
        Assert.Equal($"join key 'driver_id' of entity 'driver' has type {type.Name()}; join keys must be int32, int64, string or bytes", problem.Message);
    }

    [Fact]
    public void Data_source_with_empty_path_is_reported()
    {
        var problem = SingleProblem(Valid with { DataSources = [Source with { Path = " " }] });

        Assert.Equal("data source 'trips_source', field 'path'", problem.Location);
        Assert.StartsWith("data source 'trips_source' has no path", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_source_with_empty_timestamp_field_is_reported()
    {
        var problem = SingleProblem(Valid with { DataSources = [Source with { TimestampField = "" }] });

        Assert.Equal("data source 'trips_source', field 'timestamp_field'", problem.Location);
        Assert.StartsWith("data source 'trips_source' has no timestamp_field", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Field_mapping_targets_that_collide_are_reported()
    {
        var mapping = new Dictionary<string, string> { ["conv_raw"] = "conv_rate", ["conv_old"] = "conv_rate", ["acc"] = "acc_rate" };

        var problem = SingleProblem(Valid with { DataSources = [Source with { FieldMapping = mapping }] });

        Assert.Equal("data source 'trips_source', field 'field_mapping.conv_raw'", problem.Location);
        Assert.Equal("field_mapping of data source 'trips_source' renames 'conv_old' and 'conv_raw' to the same column 'conv_rate'", problem.Message);
    }
}
