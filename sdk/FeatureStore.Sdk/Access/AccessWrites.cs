using System.Globalization;
using FeatureStore.Registry.Access;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Sdk.Access;

/// <summary>
/// The registry writes of access changes, with the summaries `history` and the audit log show. Summaries name the
/// principal, target and settings, never a secret or a hash.
/// </summary>
internal static class AccessWrites
{
    public static ObjectWrite AddKey(AccessKeyRecord key) => new(
        ObjectKind.AccessKey, key.KeyId, ChangeType.Added, RegistryJson.Serialize(key),
        $"key of principal {key.Principal}, " + (key.ExpiresAt is { } expires ? $"expires {Time(expires)}" : "does not expire"));

    public static ObjectWrite RevokeKey(AccessKeyRecord revoked) => new(
        ObjectKind.AccessKey, revoked.KeyId, ChangeType.Changed, RegistryJson.Serialize(revoked),
        $"key of principal {revoked.Principal} revoked at {Time(revoked.RevokedAt ?? revoked.CreatedAt)}");

    /// <summary>Adds <paramref name="grant"/>, or changes <paramref name="existing"/> into it; null when they are equal.</summary>
    public static ObjectWrite? PutGrant(GrantDefinition grant, GrantDefinition? existing)
    {
        var json = RegistryJson.Serialize(grant);
        if (existing is null)
        {
            return new ObjectWrite(ObjectKind.Grant, grant.Name, ChangeType.Added, json,
                $"{grant.Principal} may read {GrantTargets.Describe(grant.TargetKind, grant.Target)} up to PII {grant.MaxPii.Name()}, {GrantTargets.Modes(grant)}");
        }

        var changes = new List<string>();
        if (existing.MaxPii != grant.MaxPii)
            changes.Add($"max PII {existing.MaxPii.Name()} → {grant.MaxPii.Name()}");
        if (existing.Online != grant.Online || existing.Offline != grant.Offline)
            changes.Add($"modes {GrantTargets.Modes(existing)} → {GrantTargets.Modes(grant)}");
        return changes.Count == 0 ? null : new ObjectWrite(ObjectKind.Grant, grant.Name, ChangeType.Changed, json, string.Join("; ", changes));
    }

    public static ObjectWrite RemoveGrant(GrantDefinition grant) => new(
        ObjectKind.Grant, grant.Name, ChangeType.Removed, null,
        $"{grant.Principal} may no longer read {GrantTargets.Describe(grant.TargetKind, grant.Target)}");

    private static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
