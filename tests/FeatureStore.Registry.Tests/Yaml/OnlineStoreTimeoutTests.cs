using FeatureStore.Registry.Model;

namespace FeatureStore.Registry.Tests.Yaml;

/// <summary>The optional <c>connect_timeout</c> / <c>operation_timeout</c> keys of the <c>online_store:</c> block.</summary>
public sealed class OnlineStoreTimeoutTests
{
    [Fact]
    public void Redis_online_store_timeouts_are_read_in_milliseconds_and_duration_forms()
    {
        using var repo = new TempRepo().Write(
            "featurestore.yaml",
            "project: quickstart\nonline_store:\n  type: redis\n  connection_string: \"127.0.0.1:6379\"\n  connect_timeout: 1500ms\n  operation_timeout: 2s\n");

        var expected = new OnlineStoreConfig(OnlineStoreType.Redis, null, "127.0.0.1:6379", TimeSpan.FromMilliseconds(1500), TimeSpan.FromSeconds(2));
        Assert.Equal(expected, repo.Load().Config.OnlineStore);
    }

    [Fact]
    public void Sqlite_online_store_takes_an_operation_timeout_and_leaves_the_other_unset()
    {
        using var repo = new TempRepo().Write("featurestore.yaml", "project: quickstart\nonline_store: {type: sqlite, operation_timeout: 250ms}\n");

        var online = repo.Load().Config.OnlineStore;

        Assert.Equal((OnlineStoreConfig.DefaultSqlitePath, (TimeSpan?)null, (TimeSpan?)TimeSpan.FromMilliseconds(250)), (online.Path, online.ConnectTimeout, online.OperationTimeout));
    }

    [Theory]
    [InlineData("connect_timeout: soon", "featurestore.yaml:5:20: expected a timeout above 0 and at most 1h (e.g. 250ms, 3s, 1m) for 'connect_timeout', found a scalar ('soon')")]
    [InlineData("operation_timeout: 0ms", "featurestore.yaml:5:22: expected a timeout above 0 and at most 1h (e.g. 250ms, 3s, 1m) for 'operation_timeout', found a scalar ('0ms')")]
    [InlineData("operation_timeout: 2h", "featurestore.yaml:5:22: expected a timeout above 0 and at most 1h (e.g. 250ms, 3s, 1m) for 'operation_timeout', found a scalar ('2h')")]
    [InlineData("connect_timeout: [1s]", "featurestore.yaml:5:20: expected a timeout above 0 and at most 1h (e.g. 250ms, 3s, 1m) for 'connect_timeout', found a list")]
    public void A_bad_timeout_is_reported_at_its_value(string line, string problem)
    {
        using var repo = new TempRepo().Write(
            "featurestore.yaml", $"project: quickstart\nonline_store:\n  type: redis\n  connection_string: \"127.0.0.1:6379\"\n  {line}\n");

        Assert.Equal([problem], repo.Problems());
    }

    [Fact]
    public void An_unknown_online_store_key_lists_the_timeouts_among_the_allowed_keys()
    {
        using var repo = new TempRepo().Write("featurestore.yaml", "project: quickstart\nonline_store:\n  type: sqlite\n  read_timeout: 1s\n");

        var problem = Assert.Single(repo.Problems());

        Assert.StartsWith("featurestore.yaml:4:3: unknown key 'read_timeout'", problem, StringComparison.Ordinal);
        Assert.EndsWith("allowed keys: type, path, connection_string, connect_timeout, operation_timeout", problem, StringComparison.Ordinal);
    }
}
