namespace FeatureStore.Online;

/// <summary>Read these features of one view for these entities.</summary>
public sealed record OnlineReadRequest(OnlineViewRef View, IReadOnlyList<string> FeatureNames, IReadOnlyList<EntityKey> EntityKeys);
