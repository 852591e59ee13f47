namespace FeatureStore.Sdk.Tests.Docs;

/// <summary>The tests that build docs' code against the packed SDK: one feed for all, run alone (packing and building take both cores).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DocsCollection : ICollectionFixture<PackedSdkFeed>
{
    public const string Name = "Docs";
}
