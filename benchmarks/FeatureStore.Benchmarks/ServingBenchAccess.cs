using FeatureStore.Registry.Access;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Benchmarks;

/// <summary>The key of the <c>--auth on</c> server's client: principal <c>bench-reader</c>, with an online grant on the benchmark's feature service.</summary>
internal static class ServingBenchAccess
{
    public const string Principal = "bench-reader";

    /// <summary>Stores a key and its grant in the registry (as <c>featurestore access</c> does) and returns the token.</summary>
    public static async Task<string> CreateReaderKeyAsync(IRegistryStore registry, string project)
    {
        var (token, key) = ApiKeys.Create(Principal, "bench", DateTimeOffset.UtcNow);
        var grant = new GrantDefinition(Principal, GrantTargetKind.FeatureService, ServingBenchData.Service, PiiClass.Sensitive, Online: true, Offline: false);
        var revision = await registry.GetRevisionAsync(project).ConfigureAwait(false);
        await registry.CommitAsync(project, revision, "bench",
        [
            new ObjectWrite(ObjectKind.AccessKey, key.KeyId, ChangeType.Added, RegistryJson.Serialize(key), $"key for {Principal}"),
            new ObjectWrite(ObjectKind.Grant, grant.Name, ChangeType.Added, RegistryJson.Serialize(grant), $"grant {grant.Name}"),
        ]).ConfigureAwait(false);
        return token;
    }
}
