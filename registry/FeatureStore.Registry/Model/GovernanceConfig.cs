namespace FeatureStore.Registry.Model;

/// <summary>
/// The <c>auth:</c> block of featurestore.yaml: when <see cref="Required"/>, the feature server answers only calls that
/// carry <c>authorization: Bearer KEY</c> of a principal granted the features asked for. Off by default (the embedded
/// quickstart); on in the deploy examples.
/// </summary>
public sealed record AuthConfig(bool Required = false)
{
    public static AuthConfig Default { get; } = new();
}

/// <summary>The <c>audit:</c> block of featurestore.yaml: how long audit lines are kept (default 400 days).</summary>
public sealed record AuditConfig(TimeSpan Retention)
{
    public static AuditConfig Default { get; } = new(TimeSpan.FromDays(400));
}
