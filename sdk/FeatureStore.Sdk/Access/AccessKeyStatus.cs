using FeatureStore.Registry.Access;

namespace FeatureStore.Sdk.Access;

/// <summary>Whether a stored access key authenticates now, and if not, why.</summary>
public enum AccessKeyStatus
{
    Active,
    Revoked,
    Expired,
}

public static class AccessKeyStatuses
{
    /// <summary>The status of <paramref name="key"/> at <paramref name="now"/>: revocation wins over expiry.</summary>
    public static AccessKeyStatus Of(AccessKeyRecord key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.RevokedAt is not null ? AccessKeyStatus.Revoked
            : key.IsActive(now) ? AccessKeyStatus.Active
            : AccessKeyStatus.Expired;
    }

    /// <summary>"active", "revoked" or "expired".</summary>
    public static string Name(this AccessKeyStatus status) => status.ToString().ToLowerInvariant();
}
