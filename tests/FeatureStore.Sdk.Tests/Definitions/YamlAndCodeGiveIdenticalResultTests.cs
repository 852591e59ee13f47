using FeatureStore.Registry.Model;
using FeatureStore.Registry.Tests.Yaml;

namespace FeatureStore.Sdk.Tests.Definitions;

public sealed class YamlAndCodeGiveIdenticalResultTests
{
    [Fact]
    public void Same_definitions_in_yaml_and_in_code_serialize_to_identical_bytes()
    {
        using var repo = new TempRepo("rides")
            .Write("entities.yaml", RealisticRepo.EntitiesAndSources)
            .Write("features/views.yml", RealisticRepo.ViewsAndServices);

        var fromYaml = RegistryJson.Serialize(repo.Load().Definitions);
        var fromCode = RegistryJson.Serialize(RealisticRepo.BuildInCode());

        Assert.Equal(fromYaml, fromCode);
        Assert.Contains("\"pii\":\"sensitive\"", fromYaml, StringComparison.Ordinal);
        Assert.Contains("\"ttl\":129600", fromYaml, StringComparison.Ordinal);
        Assert.Contains("\"as_of_created\":true", fromYaml, StringComparison.Ordinal);
        Assert.Contains("\"quality\":{\"policy\":\"quarantine\"", fromYaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Realistic_definitions_cover_composite_keys_and_all_kinds()
    {
        var definitions = RealisticRepo.BuildInCode();

        Assert.Equal((2, 2, 3, 2), (definitions.Entities.Count, definitions.DataSources.Count, definitions.FeatureViews.Count, definitions.FeatureServices.Count));
        Assert.Equal(["store_id", "product_id"], definitions.Entities[1].JoinKeys.Select(k => k.Name));
    }

    [Fact]
    public void Quality_and_as_of_created_survive_the_canonical_json_round_trip()
    {
        var view = RealisticRepo.BuildInCode().FeatureViews.Single(v => v.Name == "driver_stats");

        var json = RegistryJson.Serialize(view);
        var back = RegistryJson.Deserialize<FeatureViewDefinition>(json);

        Assert.Equal(json, RegistryJson.Serialize(back));
        Assert.True(back.AsOfCreated);
        Assert.Equal(QualityPolicy.Quarantine, back.Quality!.Policy);
        Assert.DoesNotContain("as_of_created", RegistryJson.Serialize(view with { AsOfCreated = false }), StringComparison.Ordinal);
    }
}
