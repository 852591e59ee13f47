namespace FeatureStore.Registry.Storage;

/// <summary>
/// A training set written by the project: where its manifest is, when and by whom, how many rows. The registry keeps
/// the list so an erasure can name the training sets that held the erased entity.
/// </summary>
public sealed record TrainingSetRecord(string ManifestPath, DateTimeOffset WrittenAt, string Actor, long Rows);
