using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;
using FeatureStore.Registry.Validation;
using FeatureStore.Registry.Yaml;

namespace FeatureStore.Registry.Tests.Yaml;

public sealed class RepoConfigTests
{
    [Fact]
    public void Registry_defaults_to_sqlite_under_the_repo_state_folder()
    {
        using var repo = new TempRepo().Write("featurestore.yaml", "project: quickstart\ndescription: Rides features\n");

        var config = repo.Load().Config;

        Assert.Equal(("quickstart", "Rides features"), (config.Project, config.Description));
        Assert.Equal(new RegistryStoreSettings(RegistryStoreKind.Sqlite, ".featurestore/registry.db"), config.Registry);
    }

    [Fact]
    public void Sqlite_registry_path_can_be_set()
    {
        using var repo = new TempRepo().Write("featurestore.yaml", "project: quickstart\nregistry:\n  type: sqlite\n  path: state/reg.db\n");

        Assert.Equal(new RegistryStoreSettings(RegistryStoreKind.Sqlite, "state/reg.db"), repo.Load().Config.Registry);
    }

    [Fact]
    public void Postgres_connection_string_expands_environment_variables()
    {
        var variable = "FS_TEST_PG_PASSWORD_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "s3cret");
        try
        {
            using var repo = new TempRepo().Write(
                "featurestore.yaml",
                $"project: quickstart\nregistry:\n  type: postgres\n  connection_string: \"Host=127.0.0.1;Password=${{{variable}}};Database=fs\"\n");

            var registry = repo.Load().Config.Registry;

            Assert.Equal(new RegistryStoreSettings(RegistryStoreKind.Postgres, ConnectionString: "Host=127.0.0.1;Password=s3cret;Database=fs"), registry);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void Unset_environment_variable_is_a_clear_error()
    {
        var variable = "FS_TEST_UNSET_" + Guid.NewGuid().ToString("N");
        using var repo = new TempRepo().Write(
            "featurestore.yaml", $"project: quickstart\nregistry:\n  type: postgres\n  connection_string: \"Host=h;Password=${{{variable}}}\"\n");

        Assert.Equal([$"featurestore.yaml:4:22: environment variable '{variable}' referenced by registry.connection_string is not set"], repo.Problems());
    }

    [Fact]
    public void Postgres_requires_a_connection_string()
    {
        using var repo = new TempRepo().Write("featurestore.yaml", "project: quickstart\nregistry:\n  type: postgres\n");

        var problem = Assert.Single(repo.Problems());

        Assert.StartsWith("featurestore.yaml:3:3: the postgres registry needs a connection_string", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_registry_type_is_reported()
    {
        using var repo = new TempRepo().Write("featurestore.yaml", "project: quickstart\nregistry: {type: mysql}\n");

        Assert.Equal(["featurestore.yaml:2:18: expected sqlite or postgres for 'type', found a scalar ('mysql')"], repo.Problems());
    }

    [Fact]
    public void Empty_settings_file_is_reported()
    {
        using var repo = new TempRepo().Write("featurestore.yaml", "# nothing\n");

        Assert.Equal(["featurestore.yaml:1:1: featurestore.yaml is empty; it needs at least 'project: <name>'"], repo.Problems());
    }

    [Fact]
    public void Missing_project_is_reported()
    {
        using var repo = new TempRepo().Write("featurestore.yaml", "description: no project\n");

        Assert.Equal(["featurestore.yaml:1:1: featurestore.yaml is missing required key 'project'"], repo.Problems());
    }

    [Fact]
    public void Project_name_must_be_an_identifier()
    {
        using var repo = new TempRepo().Write("featurestore.yaml", "project: Quick Start\n");

        var problem = Assert.Single(repo.Problems());

        Assert.StartsWith("featurestore.yaml:1:10: 'Quick Start' is not a valid project name", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_settings_key_is_reported_with_the_allowed_keys()
    {
        using var repo = new TempRepo().Write("featurestore.yaml", "project: quickstart\noffline_store: parquet\n");

        Assert.Equal(["featurestore.yaml:2:1: unknown key 'offline_store' in project settings; allowed keys: project, description, registry, online_store, auth, audit"], repo.Problems());
    }

    [Fact]
    public void Load_config_reads_only_the_settings_file()
    {
        using var repo = new TempRepo().Write("featurestore.yaml", "project: quickstart\nregistry: {path: r.db}\n").Write("broken.yaml", "entities: [\n");

        var config = FeatureRepoLoader.LoadConfig(repo.Dir);

        Assert.Equal(new RegistryStoreSettings(RegistryStoreKind.Sqlite, "r.db"), config.Registry);
        Assert.Throws<DefinitionException>(repo.Load);
    }

    [Fact]
    public void Load_config_reports_settings_problems()
    {
        using var repo = new TempRepo().Write("featurestore.yaml", "project: 1x\n");

        var exception = Assert.Throws<DefinitionException>(() => FeatureRepoLoader.LoadConfig(repo.Dir));

        Assert.StartsWith("featurestore.yaml:1:10: '1x' is not a valid project name", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Online_store_defaults_to_embedded_sqlite()
    {
        using var repo = new TempRepo().Write("featurestore.yaml", "project: quickstart\n");

        Assert.Equal(new OnlineStoreConfig(OnlineStoreType.Sqlite, ".featurestore/online.db"), repo.Load().Config.OnlineStore);
    }

    [Fact]
    public void Redis_online_store_connection_string_expands_environment_variables()
    {
        var variable = "FS_TEST_REDIS_PORT_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "6400");
        try
        {
            using var repo = new TempRepo().Write(
                "featurestore.yaml", $"project: quickstart\nonline_store:\n  type: redis-cluster\n  connection_string: \"127.0.0.1:${{{variable}}}\"\n");

            Assert.Equal(new OnlineStoreConfig(OnlineStoreType.RedisCluster, ConnectionString: "127.0.0.1:6400"), repo.Load().Config.OnlineStore);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void Redis_online_store_without_connection_string_and_unknown_type_are_reported()
    {
        using var redis = new TempRepo().Write("featurestore.yaml", "project: quickstart\nonline_store:\n  type: redis\n");
        using var memcached = new TempRepo().Write("featurestore.yaml", "project: quickstart\nonline_store: {type: memcached}\n");

        Assert.Equal(["featurestore.yaml:3:3: a redis online store needs a connection_string (e.g. \"127.0.0.1:6379\")"], redis.Problems());
        Assert.Equal(["featurestore.yaml:2:22: expected sqlite, redis or redis-cluster for 'type', found a scalar ('memcached')"], memcached.Problems());
    }
}
