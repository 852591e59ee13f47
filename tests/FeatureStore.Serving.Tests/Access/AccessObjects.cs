using FeatureStore.Registry.Access;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Serving.Tests.Access;

/// <summary>
/// Writes access keys and grants straight into a registry as the CLI does: <see cref="ApiKeys.Create"/> and
/// <see cref="IRegistryStore.CommitAsync"/> of AccessKey / Grant objects serialized with <see cref="RegistryJson"/>.
/// </summary>
internal static class AccessObjects
{
    // The stored hash stays PBKDF2; fewer rounds than the CLI's keep the matrix fast.
    private const int TestIterations = 1_000;

    /// <summary>A new key for <paramref name="principal"/>; returns the token (printed nowhere) and the stored record.</summary>
    public static async Task<(string Token, AccessKeyRecord Record)> CreateKeyAsync(
        IRegistryStore registry, string project, string principal, DateTimeOffset? expiresAt = null)
    {
        var (token, record) = ApiKeys.Create(principal, "tests", DateTimeOffset.UtcNow, expiresAt, TestIterations);
        await CommitAsync(registry, project, new ObjectWrite(ObjectKind.AccessKey, record.KeyId, ChangeType.Added, RegistryJson.Serialize(record), $"key for {principal}"));
        return (token, record);
    }

    public static Task RevokeAsync(IRegistryStore registry, string project, AccessKeyRecord record) =>
        CommitAsync(registry, project, new ObjectWrite(
            ObjectKind.AccessKey, record.KeyId, ChangeType.Changed, RegistryJson.Serialize(record with { RevokedAt = DateTimeOffset.UtcNow }), "revoked"));

    public static Task GrantAsync(IRegistryStore registry, string project, GrantDefinition grant) =>
        CommitAsync(registry, project, new ObjectWrite(ObjectKind.Grant, grant.Name, ChangeType.Added, RegistryJson.Serialize(grant), $"grant {grant.Name}"));

    public static GrantDefinition ViewGrant(string principal, string view, PiiClass maxPii, bool online = true, bool offline = false) =>
        new(principal, GrantTargetKind.FeatureView, view, maxPii, online, offline);

    public static GrantDefinition ServiceGrant(string principal, string service, PiiClass maxPii, bool online = true, bool offline = false) =>
        new(principal, GrantTargetKind.FeatureService, service, maxPii, online, offline);

    private static async Task CommitAsync(IRegistryStore registry, string project, ObjectWrite write)
    {
        var revision = await registry.GetRevisionAsync(project);
        await registry.CommitAsync(project, revision, "tests", [write]);
    }
}
