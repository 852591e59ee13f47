namespace FeatureStore.Registry.Planning;

/// <summary>
/// One changed field of an object. <see cref="Path"/> names it (<c>ttl</c>, <c>join_keys</c>, <c>tags.team</c>,
/// <c>features.conv_rate.type</c>); a null <see cref="Before"/>/<see cref="After"/> means absent.
/// <see cref="Reason"/> says why a change is breaking, or notes something about a safe one.
/// </summary>
public sealed record FieldChange(string Path, string? Before, string? After, bool Breaking, string? Reason);
