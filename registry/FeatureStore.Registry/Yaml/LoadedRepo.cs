using FeatureStore.Registry.Model;
using FeatureStore.Registry.Validation;

namespace FeatureStore.Registry.Yaml;

/// <summary>A feature repo read from disk: its directory (absolute), settings, validated definitions, and where each object was declared.</summary>
public sealed record LoadedRepo(string RepoDir, FeatureRepoConfig Config, RegistryDefinitions Definitions, IDefinitionLocator Locator);
