using FeatureStore.Client;
using FeatureStore.Registry.Access;
using FeatureStore.Registry.Model;
using FeatureStore.Serving.Hosting;
using FeatureStore.Serving.V1;
using Grpc.Core;

namespace FeatureStore.Serving.Tests.Access;

/// <summary>
/// Keys required: every (principal, feature) cell over the three PII classes, asserted allowed, UNAUTHENTICATED or
/// PERMISSION_DENIED through the C# client against a real server, in both reply encodings. Principals cover a view
/// grant at each PII ceiling, a feature-service grant, an offline-only grant, and revoked, expired, unknown, wrong,
/// malformed and missing keys.
/// </summary>
public sealed class OnlineAccessMatrixTests
{
    private const string Ok = "OK", Unauth = "UNAUTHENTICATED", Denied = "PERMISSION_DENIED";

    private static readonly string[] Features = ["driver_pii:rating", "driver_pii:home_city", "driver_pii:credit_score"];

    public static TheoryData<ReplyEncoding> Encodings => new() { ReplyEncoding.Direct, ReplyEncoding.Generated };

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task EveryPrincipalFeatureCellGetsItsOutcome(ReplyEncoding encoding)
    {
        await using var env = await AccessServer.StartAsync(authRequired: true, encoding);
        var tokens = await CreatePrincipalsAsync(env);
        await env.WaitForCurrentRevisionAsync();

        // Columns: rating (none), home_city (personal), credit_score (sensitive).
        var expected = new Dictionary<string, string[]>
        {
            ["view-none"] = [Ok, Denied, Denied],
            ["view-personal"] = [Ok, Ok, Denied],
            ["view-sensitive"] = [Ok, Ok, Ok],
            ["service-personal"] = [Ok, Ok, Denied],
            ["service-none"] = [Ok, Denied, Denied],
            ["offline-only"] = [Denied, Denied, Denied],
            ["no-grant"] = [Denied, Denied, Denied],
            ["revoked"] = [Unauth, Unauth, Unauth],
            ["expired"] = [Unauth, Unauth, Unauth],
            ["unknown-key"] = [Unauth, Unauth, Unauth],
            ["wrong-secret"] = [Unauth, Unauth, Unauth],
            ["malformed"] = [Unauth, Unauth, Unauth],
            ["no-key"] = [Unauth, Unauth, Unauth],
        };
        var failures = new List<string>();
        foreach (var (principal, outcomes) in expected)
        {
            var client = env.Client(tokens[principal]);
            for (var f = 0; f < Features.Length; f++)
            {
                var (outcome, detail) = await CallAsync(client, OnlineFeatureQuery.ForFeatures(Features[f]).WithEntities("driver_id", 1001L));
                if (outcome != outcomes[f])
                {
                    failures.Add($"{principal} x {Features[f]}: expected {outcomes[f]}, got {outcome} ({detail})");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        AssertTokensNeverLogged(env, tokens.Values);
    }

    [Fact]
    public async Task AllowedReadServesTheValuesAndDeniedReadNamesEveryDeniedFeatureWithItsReason()
    {
        await using var env = await AccessServer.StartAsync(authRequired: true);
        var tokens = await CreatePrincipalsAsync(env);
        await env.WaitForCurrentRevisionAsync();

        var all = OnlineFeatureQuery.ForFeatures([.. Features, "driver_stats:trips"]).WithEntities("driver_id", 1001L, 1003L);
        var none = await CallAsync(env.Client(tokens["view-none"]), all);
        var personal = await CallAsync(env.Client(tokens["view-personal"]), all);
        var sensitive = await env.Client(tokens["view-sensitive"]).GetOnlineFeaturesAsync(
            OnlineFeatureQuery.ForFeatures(Features).WithEntities("driver_id", 1001L, 1003L));

        Assert.Equal(Denied, none.Outcome);
        Assert.Equal(
            "principal 'view-none' may not read 3 features online: driver_pii:home_city (personal): its PII class personal is above the grant's none; "
            + "driver_pii:credit_score (sensitive): its PII class sensitive is above the grant's none; driver_stats:trips (none): no online grant covers it",
            none.Detail);
        Assert.Equal(
            "principal 'view-personal' may not read 2 features online: driver_pii:credit_score (sensitive): its PII class sensitive is above the grant's personal; "
            + "driver_stats:trips (none): no online grant covers it",
            personal.Detail);
        Assert.Equal(4.5, sensitive[0, "rating"].Value);
        Assert.Equal("Lyon", sensitive[0, "home_city"].Value);
        Assert.Equal(712L, sensitive[0, "credit_score"].Value);
        Assert.Equal(FieldStatus.Missing, sensitive[1, "credit_score"].Status);
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task AFeatureServiceGrantCoversTheServiceAndTheFeaturesItSelects(ReplyEncoding encoding)
    {
        await using var env = await AccessServer.StartAsync(authRequired: true, encoding);
        var tokens = await CreatePrincipalsAsync(env);
        await env.WaitForCurrentRevisionAsync();
        var ranking = OnlineFeatureQuery.ForFeatureService("ranking").WithEntities("driver_id", 1001L);

        var byService = await env.Client(tokens["service-personal"]).GetOnlineFeaturesAsync(ranking);
        var belowCeiling = await CallAsync(env.Client(tokens["service-none"]), ranking);
        var viewGrantOnService = await env.Client(tokens["view-personal"]).GetOnlineFeaturesAsync(ranking);

        Assert.Equal("Lyon", byService[0, "home_city"].Value);
        Assert.Equal(Denied, belowCeiling.Outcome);
        Assert.Equal(
            "principal 'service-none' may not read 1 feature online: driver_pii:home_city (personal): its PII class personal is above the grant's none",
            belowCeiling.Detail);
        Assert.Equal("Lyon", viewGrantOnService[0, "home_city"].Value);
    }

    [Fact]
    public async Task UnauthenticatedCallsGetOneMessageThatNeverEchoesTheToken()
    {
        await using var env = await AccessServer.StartAsync(authRequired: true);
        var tokens = await CreatePrincipalsAsync(env);
        await env.WaitForCurrentRevisionAsync();

        foreach (var principal in new[] { "revoked", "expired", "unknown-key", "wrong-secret", "malformed", "no-key" })
        {
            var (outcome, detail) = await CallAsync(env.Client(tokens[principal]), OnlineFeatureQuery.ForFeatures("driver_pii:rating").WithEntities("driver_id", 1001L));
            Assert.Equal(Unauth, outcome);
            Assert.Equal(FeatureStore.Serving.Access.ServingAccess.Unauthenticated, detail);
            Assert.StartsWith("missing or invalid API key", detail, StringComparison.Ordinal);
        }

        AssertTokensNeverLogged(env, tokens.Values);
        Assert.Contains(env.Logs.Lines, l => l.Text.Contains("UNAUTHENTICATED", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARevokedKeyStopsAtTheNextSnapshotAndAnExpiringKeyAtItsExpiry()
    {
        await using var env = await AccessServer.StartAsync(authRequired: true);
        var (token, record) = await AccessObjects.CreateKeyAsync(env.Registry, AccessServer.Project, "soon-revoked");
        var (expiring, _) = await AccessObjects.CreateKeyAsync(env.Registry, AccessServer.Project, "soon-expired", DateTimeOffset.UtcNow.AddSeconds(2));
        await AccessObjects.GrantAsync(env.Registry, AccessServer.Project, AccessObjects.ViewGrant("soon-revoked", "driver_pii", PiiClass.None));
        await AccessObjects.GrantAsync(env.Registry, AccessServer.Project, AccessObjects.ViewGrant("soon-expired", "driver_pii", PiiClass.None));
        await env.WaitForCurrentRevisionAsync();
        var query = OnlineFeatureQuery.ForFeatures("driver_pii:rating").WithEntities("driver_id", 1001L);
        Assert.Equal(Ok, (await CallAsync(env.Client(token), query)).Outcome);
        Assert.Equal(Ok, (await CallAsync(env.Client(expiring), query)).Outcome);

        await AccessObjects.RevokeAsync(env.Registry, AccessServer.Project, record);
        await env.WaitForCurrentRevisionAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal(Unauth, (await CallAsync(env.Client(token), query)).Outcome);
        Assert.Equal(Unauth, (await CallAsync(env.Client(expiring), query)).Outcome);
    }

    [Fact]
    public async Task AWrongSecretSentFirstAndRepeatedIsRefusedAndTheRightOneStillWorks()
    {
        await using var env = await AccessServer.StartAsync(authRequired: true);
        var (token, _) = await AccessObjects.CreateKeyAsync(env.Registry, AccessServer.Project, "careful");
        await AccessObjects.GrantAsync(env.Registry, AccessServer.Project, AccessObjects.ViewGrant("careful", "driver_pii", PiiClass.None));
        await env.WaitForCurrentRevisionAsync();
        var wrong = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        var query = OnlineFeatureQuery.ForFeatures("driver_pii:rating").WithEntities("driver_id", 1001L);

        var first = await CallAsync(env.Client(wrong), query);
        var again = await CallAsync(env.Client(wrong), query);
        var right = await CallAsync(env.Client(token), query);
        var wrongAfter = await CallAsync(env.Client(wrong), query);

        Assert.Equal((Unauth, Unauth, Ok, Unauth), (first.Outcome, again.Outcome, right.Outcome, wrongAfter.Outcome));
    }

    [Fact]
    public async Task WithKeysOptionalCallsWorkWithoutAKeyOrWithABadOne()
    {
        await using var env = await AccessServer.StartAsync(authRequired: false);
        var query = OnlineFeatureQuery.ForFeatures(Features).WithEntities("driver_id", 1001L);

        var anonymous = await env.Client(null).GetOnlineFeaturesAsync(query);
        var badKey = await env.Client("fsk_000000000000_notarealsecretatall").GetOnlineFeaturesAsync(query);

        Assert.Equal(712L, anonymous[0, "credit_score"].Value);
        Assert.Equal(712L, badKey[0, "credit_score"].Value);
    }

    /// <summary>Keys and grants of every principal of the matrix; the value is the token a client sends (null: none).</summary>
    internal static async Task<Dictionary<string, string?>> CreatePrincipalsAsync(AccessServer env)
    {
        var project = AccessServer.Project;
        var tokens = new Dictionary<string, string?>();
        async Task Principal(string name, params GrantDefinition[] grants)
        {
            tokens[name] = (await AccessObjects.CreateKeyAsync(env.Registry, project, name)).Token;
            foreach (var grant in grants)
            {
                await AccessObjects.GrantAsync(env.Registry, project, grant);
            }
        }

        await Principal("view-none", AccessObjects.ViewGrant("view-none", "driver_pii", PiiClass.None));
        await Principal("view-personal", AccessObjects.ViewGrant("view-personal", "driver_pii", PiiClass.Personal));
        await Principal("view-sensitive", AccessObjects.ViewGrant("view-sensitive", "driver_pii", PiiClass.Sensitive));
        await Principal("service-personal", AccessObjects.ServiceGrant("service-personal", "ranking", PiiClass.Personal));
        await Principal("service-none", AccessObjects.ServiceGrant("service-none", "ranking", PiiClass.None));
        await Principal("offline-only", AccessObjects.ViewGrant("offline-only", "driver_pii", PiiClass.Sensitive, online: false, offline: true));
        await Principal("no-grant");

        var (revoked, revokedRecord) = await AccessObjects.CreateKeyAsync(env.Registry, project, "revoked");
        await AccessObjects.GrantAsync(env.Registry, project, AccessObjects.ViewGrant("revoked", "driver_pii", PiiClass.Sensitive));
        await AccessObjects.RevokeAsync(env.Registry, project, revokedRecord);
        tokens["revoked"] = revoked;
        var (expired, _) = await AccessObjects.CreateKeyAsync(env.Registry, project, "expired", DateTimeOffset.UtcNow.AddMinutes(-1));
        await AccessObjects.GrantAsync(env.Registry, project, AccessObjects.ViewGrant("expired", "driver_pii", PiiClass.Sensitive));
        tokens["expired"] = expired;
        // Shaped like a key, but no such key id; and a real key id with another secret.
        tokens["unknown-key"] = ApiKeys.Create("nobody", "tests", DateTimeOffset.UtcNow, iterations: 1_000).Token;
        var sensitive = tokens["view-sensitive"]!;
        tokens["wrong-secret"] = sensitive[..^4] + (sensitive.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        tokens["malformed"] = "not-a-key";
        tokens["no-key"] = null;
        return tokens;
    }

    internal static async Task<(string Outcome, string Detail)> CallAsync(FeatureServingClient client, OnlineFeatureQuery query)
    {
        try
        {
            await client.GetOnlineFeaturesAsync(query);
            return (Ok, "");
        }
        catch (FeatureServingException e) when (e.Status is StatusCode.Unauthenticated or StatusCode.PermissionDenied)
        {
            return (FeatureServingException.StatusName(e.Status), e.Detail);
        }
    }

    internal static void AssertTokensNeverLogged(AccessServer env, IEnumerable<string?> tokens)
    {
        var secrets = tokens.OfType<string>().Where(t => t.StartsWith(ApiKeys.Prefix, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(env.Logs.Lines);
        foreach (var line in env.Logs.Lines)
        {
            foreach (var token in secrets)
            {
                // The secret part alone must not appear either.
                Assert.DoesNotContain(token[(ApiKeys.Prefix.Length + 13)..], line.Text, StringComparison.Ordinal);
            }
        }
    }
}
