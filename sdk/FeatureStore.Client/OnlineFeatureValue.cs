using FeatureStore.Serving.V1;

namespace FeatureStore.Client;

/// <summary>
/// One served value: the value (null unless <see cref="Status"/> is PRESENT), its status, its event time (null when
/// MISSING) and its age at the time the result was received. <c>Status.Name()</c> spells the status as manifests do.
/// </summary>
public readonly record struct OnlineFeatureValue(object? Value, FieldStatus Status, DateTimeOffset? EventTimestamp, TimeSpan? Age);
