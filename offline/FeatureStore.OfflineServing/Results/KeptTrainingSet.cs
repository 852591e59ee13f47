using FeatureStore.Sdk.Offline;
using ArrowSchema = Apache.Arrow.Schema;

namespace FeatureStore.OfflineServing.Results;

/// <summary>A built training set waiting to be read with DoGet: its rows, the Arrow schema they are sent with, and the manifest JSON.</summary>
internal sealed record KeptTrainingSet(string Ticket, TrainingSetTable Table, ArrowSchema Schema, byte[] ManifestJson, DateTimeOffset ExpiresAt);
