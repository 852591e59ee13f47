namespace FeatureStore.Offline;

/// <summary>What <see cref="TrainingSetEngine.BuildToFile"/> returns: the training set (statistics, statuses) and the manifest written next to it.</summary>
public sealed record WrittenTrainingSet(TrainingSet TrainingSet, TrainingSetManifest Manifest);
