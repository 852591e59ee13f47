namespace FeatureStore.Offline;

/// <summary>One feature of the training set: its values and its per-row status.</summary>
internal sealed record FeatureColumn(ResolvedView View, ResolvedFeature Feature, FeatureBuffer Values, FeatureStatus[] Statuses);
