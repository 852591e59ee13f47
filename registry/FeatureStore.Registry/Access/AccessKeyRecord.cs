namespace FeatureStore.Registry.Access;

/// <summary>
/// A stored API key: the principal it authenticates and a salted PBKDF2 hash of its secret, never the secret itself.
/// Stored as an <see cref="Model.ObjectKind.AccessKey"/> object named <see cref="KeyId"/>, so every change is versioned
/// in the registry history and bumps the project revision (servers pick up revocations on their next refresh).
/// </summary>
public sealed record AccessKeyRecord(
    string KeyId,
    string Principal,
    string Salt,
    string Hash,
    int Iterations,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? ExpiresAt = null,
    DateTimeOffset? RevokedAt = null)
{
    /// <summary>True when the key authenticates at <paramref name="now"/>: not revoked and not expired.</summary>
    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || now < ExpiresAt);
}
