using FeatureStore.Online;
using FeatureStore.Registry.Storage;
using FeatureStore.Serving.Hosting;

namespace FeatureStore.Serving.Tests;

/// <summary><see cref="RepoServingSettings"/> reads featurestore.yaml through the registry's reader, timeouts included.</summary>
public sealed class RepoServingSettingsTests : IDisposable
{
    private readonly string _repo = Directory.CreateTempSubdirectory("fs-serve-settings-").FullName;

    public void Dispose() => Directory.Delete(_repo, recursive: true);

    [Fact]
    public void Both_timeouts_reach_the_online_store_settings()
    {
        File.WriteAllText(Path.Combine(_repo, RepoServingSettings.FileName), """
            project: rides
            registry: {type: sqlite, path: r.db}
            online_store:
              type: redis-cluster
              connection_string: "127.0.0.1:7000,127.0.0.1:7001"
              connect_timeout: 750ms
              operation_timeout: 1m
            """);

        var settings = RepoServingSettings.Read(_repo);

        Assert.Equal(new RegistryStoreSettings(RegistryStoreKind.Sqlite, "r.db"), settings.Registry);
        Assert.Equal(
            new OnlineStoreSettings(OnlineStoreKind.RedisCluster, null, "127.0.0.1:7000,127.0.0.1:7001", TimeSpan.FromMilliseconds(750), TimeSpan.FromMinutes(1)),
            settings.OnlineStore);
    }

    [Fact]
    public void Auth_and_audit_blocks_reach_the_server_options()
    {
        File.WriteAllText(Path.Combine(_repo, RepoServingSettings.FileName), """
            project: rides
            auth: {required: true}
            audit: {retention: 30d}
            """);

        var options = RepoServingSettings.Read(_repo).ServerOptions();

        Assert.Equal(("rides", true, TimeSpan.FromDays(30)), (options.Project, options.AuthRequired, options.AuditRetention));
    }

    [Fact]
    public void Without_auth_and_audit_blocks_keys_are_optional_and_audit_lines_kept_400_days()
    {
        File.WriteAllText(Path.Combine(_repo, RepoServingSettings.FileName), "project: rides\n");

        var options = RepoServingSettings.Read(_repo).ServerOptions();

        Assert.Equal((false, TimeSpan.FromDays(400)), (options.AuthRequired, options.AuditRetention));
    }

    [Fact]
    public void Without_an_online_store_block_serving_uses_the_embedded_sqlite_store_and_default_timeouts()
    {
        File.WriteAllText(Path.Combine(_repo, RepoServingSettings.FileName), "project: rides\n");

        var online = RepoServingSettings.Read(_repo).OnlineStore;

        Assert.Equal(OnlineStoreSettings.Default, online);
        Assert.Equal((TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5)), (online.EffectiveConnectTimeout, online.EffectiveOperationTimeout));
    }

    [Fact]
    public void A_bad_timeout_fails_with_one_line_naming_file_line_and_column()
    {
        File.WriteAllText(Path.Combine(_repo, RepoServingSettings.FileName), "project: rides\nonline_store:\n  type: sqlite\n  operation_timeout: -5s\n");

        var error = Assert.Throws<FeatureServerException>(() => RepoServingSettings.Read(_repo));

        Assert.Equal("featurestore.yaml:4:22: expected a timeout above 0 and at most 1h (e.g. 250ms, 3s, 1m) for 'operation_timeout', found a scalar ('-5s')", error.Message);
    }

    [Fact]
    public void A_missing_settings_file_is_a_feature_server_error()
    {
        var error = Assert.Throws<FeatureServerException>(() => RepoServingSettings.Read(_repo));

        Assert.Contains("featurestore.yaml not found", error.Message, StringComparison.Ordinal);
    }
}
