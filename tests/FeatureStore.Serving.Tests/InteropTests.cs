using System.Diagnostics;
using System.Text.Json;

namespace FeatureStore.Serving.Tests;

/// <summary>Standard gRPC clients nobody here wrote (Node @grpc/grpc-js, Python grpcio) against the hand-made server, unchanged.</summary>
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
        Assert.Equal(["FIELD_STATUS_PRESENT", "FIELD_STATUS_OUTSIDE_MAX_AGE", "FIELD_STATUS_NOT_FOUND"], Strings(reply.GetProperty("statuses")[1]));
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
    [InlineData("node", "unimplemented", 12, "unknown method '/featurestore.serving.v1.FeatureServing/Nope'")]
    [InlineData("python", "unimplemented", 12, "unknown method '/featurestore.serving.v1.FeatureServing/Nope'")]
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

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
