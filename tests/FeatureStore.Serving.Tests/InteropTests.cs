using System.Diagnostics;
using System.Text.Json;
using FeatureStore.Online;

namespace FeatureStore.Serving.Tests;

/// <summary>Standard gRPC clients nobody here wrote (Node @grpc/grpc-js, Python grpcio) against the feature server, unchanged.</summary>
public sealed class InteropTests
{
    public static TheoryData<string> Clients => new() { "node", "python" };

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task ForeignClientReadsValuesStatusesAndTimestamps(string client)
    {
        await using var env = await ServingEnvironment.StartAsync();

        var reply = await InteropClients.RunAsync(client, env.Server.Address, "success");

        Assert.True(reply.GetProperty("ok").GetBoolean(), reply.ToString());
        Assert.Equal(["conv_rate", "trips", "age"], Strings(reply.GetProperty("names")));
        var trips = reply.GetProperty("values")[1];
        Assert.Equal("12", trips[0].GetString());
        Assert.Equal(JsonValueKind.Null, trips[1].ValueKind);
        Assert.Equal(JsonValueKind.Null, trips[2].ValueKind);
        Assert.Equal(["FIELD_STATUS_PRESENT", "FIELD_STATUS_OUTSIDE_TTL", "FIELD_STATUS_MISSING"], Strings(reply.GetProperty("statuses")[1]));
        Assert.Equal("0.5", reply.GetProperty("values")[0][0].GetString());
        Assert.Equal("34", reply.GetProperty("values")[2][2].GetString());
        Assert.Equal(ServingEnvironment.Now.AddMinutes(-5).ToUnixTimeSeconds(), reply.GetProperty("eventSeconds")[1][0].GetInt64());
        Assert.Equal(ServingEnvironment.Now.AddHours(-2).ToUnixTimeSeconds(), reply.GetProperty("eventSeconds")[1][1].GetInt64());
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task ForeignClientGetsFullFeatureNames(string client)
    {
        await using var env = await ServingEnvironment.StartAsync();

        var reply = await InteropClients.RunAsync(client, env.Server.Address, "fullNames");

        Assert.Equal(["driver_stats__trips", "customer_profile__trips"], Strings(reply.GetProperty("names")));
        Assert.Equal("7", reply.GetProperty("values")[1][0].GetString());
    }

    [Theory]
    [InlineData("node", "notFound", 5, "feature service 'café_service' is not registered in project 'rides'")]
    [InlineData("python", "notFound", 5, "feature service 'café_service' is not registered in project 'rides'")]
    [InlineData("node", "invalidArgument", 3, "entity column 'driver_id' row 0: expected int64, got string")]
    [InlineData("python", "invalidArgument", 3, "entity column 'driver_id' row 0: expected int64, got string")]
    [InlineData("node", "unimplemented", 12, "Method is unimplemented.")] // grpc-dotnet's own answer
    [InlineData("python", "unimplemented", 12, "Method is unimplemented.")] // grpc-dotnet's own answer
    public async Task ForeignClientReadsTrailersOnlyErrors(string client, string scenario, int code, string details)
    {
        await using var env = await ServingEnvironment.StartAsync();

        var reply = await InteropClients.RunAsync(client, env.Server.Address, scenario);

        Assert.False(reply.GetProperty("ok").GetBoolean(), reply.ToString());
        Assert.Equal(code, reply.GetProperty("code").GetInt32());
        Assert.Equal(details, reply.GetProperty("details").GetString());
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task ForeignClientDeadlineEndsTheCallInTime(string client)
    {
        var store = Stores.Stub();
        await using var env = await ServingEnvironment.StartAsync(store);
        store.ReadDelay = TimeSpan.FromSeconds(5);
        var clock = Stopwatch.StartNew();

        var reply = await InteropClients.RunAsync(client, env.Server.Address, "deadline");

        Assert.Equal(4, reply.GetProperty("code").GetInt32());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4.5), $"took {clock.Elapsed}");
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task ForeignClientSeesUnavailableWhenTheStoreIsDown(string client)
    {
        var store = Stores.Stub();
        await using var env = await ServingEnvironment.StartAsync(store);
        store.Down = true;

        var reply = await InteropClients.RunAsync(client, env.Server.Address, "unavailable");

        Assert.Equal(14, reply.GetProperty("code").GetInt32());
        Assert.Contains("stub store at 127.0.0.1:1 is down", reply.GetProperty("details").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task ForeignClientHealthCheckWorks(string client)
    {
        await using var env = await ServingEnvironment.StartAsync();

        var reply = await InteropClients.RunAsync(client, env.Server.Address, "health");

        Assert.Equal("SERVING", reply.GetProperty("whole").GetString());
        Assert.Equal("SERVING", reply.GetProperty("service").GetString());
        Assert.Equal(5, reply.GetProperty("unknownCode").GetInt32());
    }

    [Fact]
    public async Task ForeignClientHealthWatchStartsWithServing()
    {
        await using var env = await ServingEnvironment.StartAsync();

        var reply = await InteropClients.RunAsync("node", env.Server.Address, "watch");

        Assert.True(reply.GetProperty("ok").GetBoolean(), reply.ToString());
        Assert.Equal(["SERVING"], Strings(reply.GetProperty("seen")));
    }

    [Fact]
    public async Task ForeignClientHealthWatchSeesNotServingWhenRedisStops()
    {
        await using var redis = await TestRedis.StartAsync();
        var settings = new OnlineStoreSettings(OnlineStoreKind.Redis, ConnectionString: redis.Address, ConnectTimeout: TimeSpan.FromSeconds(2), OperationTimeout: TimeSpan.FromSeconds(2));
        await using var env = await ServingEnvironment.StartAsync(OnlineStoreFactory.Open(settings, Path.GetTempPath()));
        await using var client = InteropClients.Start("node", env.Server.Address, "watchOutage");

        var first = await client.ReadLineAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(["SERVING"], Strings(first.GetProperty("seen")));
        await redis.StopAsync();
        var reply = await client.FinishAsync();

        Assert.True(reply.GetProperty("ok").GetBoolean(), reply.ToString());
        Assert.Equal(["SERVING", "NOT_SERVING"], Strings(reply.GetProperty("seen")));
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v1alpha")]
    public async Task ForeignClientListsAndDescribesServicesThroughReflection(string version)
    {
        await using var env = await ServingEnvironment.StartAsync();

        var reply = (await InteropClients.RunAsync("node", env.Server.Address, "reflection")).GetProperty(version);

        Assert.True(reply.GetProperty("ok").GetBoolean(), reply.ToString());
        var services = Strings(reply.GetProperty("services"));
        Assert.Contains("featurestore.serving.v1.FeatureServing", services);
        Assert.Contains("grpc.health.v1.Health", services);
        var file = Assert.Single(reply.GetProperty("files").EnumerateArray(), f => f.GetProperty("package").GetString() == "featurestore.serving.v1");
        Assert.Equal("featurestore/serving/v1/serving.proto", file.GetProperty("name").GetString());
        var serving = Assert.Single(file.GetProperty("services").EnumerateArray());
        Assert.Equal("FeatureServing", serving.GetProperty("name").GetString());
        Assert.Contains("GetOnlineFeatures", Strings(serving.GetProperty("methods")));
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task ForeignClientGzipCallReadsTheSameValues(string client)
    {
        await using var env = await ServingEnvironment.StartAsync();

        var reply = await InteropClients.RunAsync(client, env.Server.Address, "gzip");

        Assert.True(reply.GetProperty("ok").GetBoolean(), reply.ToString());
        var gzip = reply.GetProperty("gzip");
        Assert.Equal(reply.GetProperty("plain").ToString(), gzip.ToString());
        Assert.Equal(["conv_rate", "trips", "age"], Strings(gzip.GetProperty("names")));
        Assert.Equal("12", gzip.GetProperty("values")[1][0].GetString());
        Assert.Equal("34", gzip.GetProperty("values")[2][2].GetString());
        Assert.Equal(["FIELD_STATUS_PRESENT", "FIELD_STATUS_OUTSIDE_TTL", "FIELD_STATUS_MISSING"], Strings(gzip.GetProperty("statuses")[1]));
    }

    [Fact]
    public async Task ForeignClientGzipRequestTravelsCompressedAndGetsACompressedReply()
    {
        await using var env = await ServingEnvironment.StartAsync();

        var reply = await InteropClients.RunAsync("node", env.Server.Address, "gzip");

        // grpc-js's own frames, seen on its HTTP/2 stream: byte 0 of a gRPC message is its compressed flag.
        var plain = reply.GetProperty("plainWire");
        Assert.Equal(JsonValueKind.Null, plain.GetProperty("requestEncoding").ValueKind);
        Assert.Equal([0], Ints(plain.GetProperty("requestFlags")));
        Assert.Equal(0, plain.GetProperty("responseFlag").GetInt32());
        var gzip = reply.GetProperty("gzipWire");
        Assert.Equal("gzip", gzip.GetProperty("requestEncoding").GetString());
        Assert.Equal([1], Ints(gzip.GetProperty("requestFlags")));
        Assert.Equal("gzip", gzip.GetProperty("responseEncoding").GetString());
        Assert.Equal(1, gzip.GetProperty("responseFlag").GetInt32());
    }

    private static int[] Ints(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
