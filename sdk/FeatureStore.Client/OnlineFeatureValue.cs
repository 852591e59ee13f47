using FeatureStore.Serving.V1;

namespace FeatureStore.Client;

/// <summary>
/// One served value: the value (null unless <see cref="Status"/> is PRESENT), its status, its event time (null when
/// NOT_FOUND) and its age at the time the result was received.
/// </summary>
public readonly record struct OnlineFeatureValue(object? Value, FieldStatus Status, DateTimeOffset? EventTimestamp, TimeSpan? Age);
