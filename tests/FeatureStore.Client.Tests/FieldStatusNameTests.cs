using FeatureStore.Serving.V1;
using Google.Protobuf.Reflection;

namespace FeatureStore.Client.Tests;

/// <summary><see cref="FieldStatuses.Name"/> against the enum as serving.proto declares it.</summary>
public sealed class FieldStatusNameTests
{
    private const string ProtoPrefix = "FIELD_STATUS_";

    [Fact]
    public void Every_proto_value_is_named_as_in_the_proto_without_its_prefix()
    {
        var declared = ServingReflection.Descriptor.FindTypeByName<EnumDescriptor>("FieldStatus");

        Assert.Equal(5, declared.Values.Count);
        foreach (var value in declared.Values)
        {
            Assert.StartsWith(ProtoPrefix, value.Name, StringComparison.Ordinal);
            Assert.Equal(value.Name[ProtoPrefix.Length..], ((FieldStatus)value.Number).Name());
        }
    }

    [Fact]
    public void The_served_statuses_read_as_the_words_of_training_set_manifests()
    {
        Assert.Equal(
            ["PRESENT", "NULL_VALUE", "MISSING", "OUTSIDE_TTL"],
            new[] { FieldStatus.Present, FieldStatus.NullValue, FieldStatus.Missing, FieldStatus.OutsideTtl }.Select(s => s.Name()));
    }

    [Fact]
    public void A_value_from_a_newer_server_reads_as_its_number()
    {
        Assert.Equal("7", ((FieldStatus)7).Name());
    }
}
