namespace FeatureStore.Registry.Planning;

/// <summary>
/// How far an apply may go. <paramref name="AllowBreaking"/> accepts breaking changes without a version bump;
/// <paramref name="DeleteMissing"/> removes registry objects the repo no longer declares (otherwise they are kept).
/// </summary>
public sealed record PlanOptions(bool AllowBreaking = false, bool DeleteMissing = false);
