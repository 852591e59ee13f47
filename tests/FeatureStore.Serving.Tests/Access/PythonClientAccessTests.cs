namespace FeatureStore.Serving.Tests.Access;

/// <summary>The Python client (sdk/python/featurestore_client) with its API key from FEATURESTORE_API_KEY, against a server with keys required.</summary>
public sealed class PythonClientAccessTests
{
    [Fact]
    public async Task TheKeyFromTheEnvironmentIsSentAndRefusalsCarryTheirCodes()
    {
        await using var env = await AccessServer.StartAsync(authRequired: true);
        var tokens = await OnlineAccessMatrixTests.CreatePrincipalsAsync(env);
        await env.WaitForCurrentRevisionAsync();

        var reply = await PythonClientTests.RunAsync(env.Server.Address, "auth",
            new Dictionary<string, string> { ["FEATURESTORE_API_KEY"] = tokens["view-personal"]! });

        Assert.Equal("SERVING", reply.GetProperty("health").GetString());
        Assert.Equal("Lyon", reply.GetProperty("allowed").GetProperty("home_city").GetString());
        Assert.Equal("PERMISSION_DENIED", reply.GetProperty("denied").GetProperty("code").GetString());
        Assert.Equal(
            "principal 'view-personal' may not read 1 feature online: driver_pii:credit_score (sensitive): its PII class sensitive is above the grant's personal",
            reply.GetProperty("denied").GetProperty("details").GetString());
        Assert.Equal("UNAUTHENTICATED", reply.GetProperty("noKey").GetProperty("code").GetString());
        Assert.Equal("SERVING", reply.GetProperty("noKeyHealth").GetString());
        Assert.Equal("ValueError", reply.GetProperty("badKeyArgument").GetProperty("local").GetString());
        Assert.DoesNotContain(tokens["view-personal"]!, reply.ToString(), StringComparison.Ordinal);
        OnlineAccessMatrixTests.AssertTokensNeverLogged(env, tokens.Values);
    }
}
