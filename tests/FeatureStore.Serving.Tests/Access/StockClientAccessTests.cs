using System.Text.Json;
using FeatureStore.Registry.Access;

namespace FeatureStore.Serving.Tests.Access;

/// <summary>
/// Keys required, driven by gRPC clients nobody here wrote (Python grpcio, Node @grpc/grpc-js) sending the key as
/// plain <c>authorization: Bearer</c> metadata: allowed, UNAUTHENTICATED (none, revoked, unknown) and PERMISSION_DENIED.
/// </summary>
public sealed class StockClientAccessTests
{
    public static TheoryData<string> Clients => new() { "python", "node" };

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task AStockClientGetsAllowedUnauthenticatedAndPermissionDenied(string client)
    {
        await using var env = await AccessServer.StartAsync(authRequired: true);
        var tokens = await OnlineAccessMatrixTests.CreatePrincipalsAsync(env);
        await env.WaitForCurrentRevisionAsync();

        var allowed = await RunAsync(client, env, tokens["view-sensitive"], "driver_pii:credit_score");
        var noKey = await RunAsync(client, env, null, "driver_pii:rating");
        var revoked = await RunAsync(client, env, tokens["revoked"], "driver_pii:rating");
        var unknown = await RunAsync(client, env, tokens["unknown-key"], "driver_pii:rating");
        var denied = await RunAsync(client, env, tokens["view-personal"], "driver_pii:credit_score");

        Assert.True(allowed.GetProperty("ok").GetBoolean(), allowed.ToString());
        Assert.Equal("712", allowed.GetProperty("values")[0][0].GetString());
        foreach (var refused in new[] { noKey, revoked, unknown })
        {
            Assert.Equal(16, refused.GetProperty("code").GetInt32());
            Assert.Equal(FeatureStore.Serving.Access.ServingAccess.Unauthenticated, refused.GetProperty("details").GetString());
        }

        Assert.Equal(7, denied.GetProperty("code").GetInt32());
        Assert.Equal(
            "principal 'view-personal' may not read 1 feature online: driver_pii:credit_score (sensitive): its PII class sensitive is above the grant's personal",
            denied.GetProperty("details").GetString());
        OnlineAccessMatrixTests.AssertTokensNeverLogged(env, tokens.Values);
        foreach (var reply in new[] { allowed, noKey, revoked, unknown, denied })
        {
            Assert.DoesNotContain(ApiKeys.Prefix, reply.ToString(), StringComparison.Ordinal);
        }
    }

    private static Task<JsonElement> RunAsync(string client, AccessServer env, string? token, string feature) =>
        InteropClients.RunAsync(client, env.Server.Address, "auth:" + feature,
            token is null ? null : new Dictionary<string, string> { ["FEATURESTORE_API_KEY"] = token });
}
