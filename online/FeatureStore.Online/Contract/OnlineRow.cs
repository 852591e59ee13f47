namespace FeatureStore.Online;

/// <summary>
/// One entity's values for one view at one event time. <see cref="Values"/> line up with the feature names passed to
/// <see cref="IOnlineStore.WriteAsync"/>; use <see cref="FeatureValue.Null"/> for a null.
/// </summary>
public sealed record OnlineRow(EntityKey Key, IReadOnlyList<FeatureValue> Values, DateTimeOffset EventTimestamp);
