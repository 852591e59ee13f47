using FeatureStore.Online.Redis;

namespace FeatureStore.Online.Tests;

public sealed class RedisReadPlanTests
{
    [Fact]
    public void RequestsOverTheSameEntitiesBecomeOneHashReadPerEntity()
    {
        var a = new OnlineViewRef("p", "a", 1);
        var b = new OnlineViewRef("p", "b", 1);
        var keys = new[] { Samples.Driver(1), Samples.Driver(2) };

        var plan = RedisReadPlan.Create(
        [
            new OnlineReadRequest(a, ["x"], keys),
            new OnlineReadRequest(b, ["y"], keys),
            new OnlineReadRequest(a, ["z"], [Samples.Driver(2)]),
            new OnlineReadRequest(b with { Project = "q" }, ["y"], [Samples.Driver(2)]),
        ]);

        Assert.Equal(3, plan.Entities.Count);
        Assert.Equal([2, 2, 1], plan.Entities.Select(e => e.Fields.Length));
    }

    [Fact]
    public void EntityHashKeysCarryAClusterHashTagAroundTheEntityKey()
    {
        var key = (byte[])RedisLayout.EntityHash("rides", Samples.Driver(1001))!;

        var text = System.Text.Encoding.Latin1.GetString(key);

        Assert.StartsWith("fs:rides:{", text, StringComparison.Ordinal);
        Assert.EndsWith("}", text, StringComparison.Ordinal);
        Assert.Equal(Samples.Driver(1001).Encoded.ToArray(), key[10..^1]);
    }

    [Fact]
    public void ProjectNamesThatCouldEscapeTheirNamespaceAreRefused()
    {
        var error = Assert.Throws<OnlineStoreException>(() =>
            RedisReadPlan.Create([new OnlineReadRequest(new OnlineViewRef("a*", "v", 1), ["x"], [Samples.Driver(1)])]));

        Assert.Contains("'a*'", error.Message, StringComparison.Ordinal);
    }
}
