namespace FeatureStore.Offline.Tests;

/// <summary>Runs the engine on a scenario without a registry store (definitions go straight into a snapshot).</summary>
internal static class Engine
{
    public static TrainingSetRequest Request(string repoDir, string spinePath, params string[] features) => new()
    {
        RepoDir = repoDir,
        SpinePath = spinePath,
        Features = features,
        StatusColumns = true,
    };

    public static TrainingSet Build(FeatureStore.Registry.Model.RegistryDefinitions definitions, TrainingSetRequest request) =>
        TrainingSetEngine.Build(RegistrySnapshot.FromDefinitions(definitions), request);

    public static string WriteAndRead(FeatureStore.Registry.Model.RegistryDefinitions definitions, TrainingSetRequest request, string output)
    {
        TrainingSetWriter.Write(Build(definitions, request), output);
        return output;
    }
}
