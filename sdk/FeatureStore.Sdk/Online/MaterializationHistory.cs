using FeatureStore.Registry.Storage;

namespace FeatureStore.Sdk.Online;

/// <summary>The recorded materialization runs (newest first) and each view's watermarks: how far it is durable online.</summary>
public sealed record MaterializationHistory(IReadOnlyList<MaterializationRunRecord> Runs, IReadOnlyList<MaterializationWatermark> Watermarks);
