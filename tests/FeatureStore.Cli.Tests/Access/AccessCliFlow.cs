using System.Text.RegularExpressions;

namespace FeatureStore.Cli.Tests.Access;

/// <summary>
/// The access and audit commands end to end on one applied sample repo, whatever its registry store: a key printed
/// once, listed and revoked; grants shown, changed, revoked, and visible in history and the audit log.
/// </summary>
internal static partial class AccessCliFlow
{
    public static async Task RunAsync(string repo)
    {
        Task<CliRunner.Result> Run(params string[] args) => CliRunner.RunAsync([.. args, "--repo", repo]);
        var actor = Environment.GetEnvironmentVariable("FEATURESTORE_ACTOR") is { Length: > 0 } set ? set : $"{Environment.UserName}@{Environment.MachineName}";

        var create = await Run("access", "key", "create", "--principal", "ranking-service", "--expires", "90d");
        Assert.True(create.ExitCode == 0, create.Error);
        var token = create.Output.TrimEnd('\n');
        Assert.Matches(TokenShape(), token);
        Assert.DoesNotContain(token, create.Error, StringComparison.Ordinal);
        Assert.Contains("shown only once", create.Error, StringComparison.Ordinal);
        var keyId = token[4..16];

        var list = await Run("access", "key", "list");
        Assert.Equal(0, list.ExitCode);
        Assert.Matches(new Regex($@"(?m)^{keyId}\s+ranking-service\s+\S+Z\s+\S+Z\s+active$"), list.Output);
        Assert.DoesNotContain(token[17..], list.Output, StringComparison.Ordinal);
        Assert.Equal("no access keys\n", (await Run("access", "key", "list", "--principal", "nobody")).Output);

        var grant = await Run("access", "grant", "--principal", "ranking-service", "--feature-service", "customer_risk", "--pii", "personal");
        Assert.True(grant.ExitCode == 0, grant.Error);
        Assert.Contains("'ranking-service' may read feature service 'customer_risk' up to PII personal, online and offline", grant.Output, StringComparison.Ordinal);
        var viewGrant = await Run("access", "grant", "--principal", "ranking-service", "--view", "driver_hourly_stats", "--online");
        Assert.Contains("up to PII none, online\n", viewGrant.Output, StringComparison.Ordinal);
        Assert.StartsWith("unchanged:", (await Run("access", "grant", "--principal", "ranking-service", "--view", "driver_hourly_stats", "--online")).Output, StringComparison.Ordinal);

        var show = await Run("access", "show", "ranking-service");
        Assert.Equal(0, show.ExitCode);
        Assert.Matches(new Regex($@"(?m)^{keyId}\s+\S+Z\s+\S+Z\s+active$"), show.Output);
        Assert.Matches(new Regex(@"(?m)^feature service 'customer_risk'\s+personal\s+yes\s+yes$"), show.Output);
        Assert.Matches(new Regex(@"(?m)^feature view 'driver_hourly_stats'\s+none\s+yes\s+no$"), show.Output);
        Assert.Matches(new Regex(@"(?m)^customer_profile:credit_score\s+sensitive\s+no \(above personal\)\s+feature service 'customer_risk'$"), show.Output);
        Assert.Matches(new Regex(@"(?m)^customer_profile:age\s+personal\s+yes\s+feature service 'customer_risk'$"), show.Output);
        Assert.Matches(new Regex(@"(?m)^driver_hourly_stats:rating\s+none\s+yes\s+feature view 'driver_hourly_stats'$"), show.Output);

        var revokeGrant = await Run("access", "revoke", "--principal", "ranking-service", "--view", "driver_hourly_stats");
        Assert.True(revokeGrant.ExitCode == 0, revokeGrant.Error);
        Assert.DoesNotContain("driver_hourly_stats", (await Run("access", "show", "ranking-service")).Output, StringComparison.Ordinal);

        var revokeKey = await Run("access", "key", "revoke", keyId);
        Assert.True(revokeKey.ExitCode == 0, revokeKey.Error);
        Assert.StartsWith($"key {keyId} of principal 'ranking-service' revoked at ", revokeKey.Output, StringComparison.Ordinal);
        Assert.Matches(new Regex($@"(?m)^{keyId}\s+ranking-service\s+\S+Z\s+\S+Z\s+revoked$"), (await Run("access", "key", "list")).Output);

        var history = (await Run("history", "--limit", "5")).Output;
        Assert.Contains("~ access key " + keyId + " v2: key of principal ranking-service revoked at ", history, StringComparison.Ordinal);
        Assert.Contains("- grant ranking-service:feature_view:driver_hourly_stats v1: ranking-service may no longer read feature view 'driver_hourly_stats'", history, StringComparison.Ordinal);
        Assert.Contains("+ grant ranking-service:feature_service:customer_risk v1:", history, StringComparison.Ordinal);

        var audit = await Run("audit", "--principal", actor, "--since", "1d", "--limit", "4");
        Assert.Equal(0, audit.ExitCode);
        var rows = audit.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["TIME", "ACTOR", "ACTION", "SUBJECT", "COUNT", "DETAIL"], rows[0].Split("  ", StringSplitOptions.RemoveEmptyEntries).Select(c => c.Trim()));
        Assert.Equal(5, rows.Length);
        Assert.Matches(new Regex($@"^\S+Z\s+{Regex.Escape(actor)}\s+access\s+access key '{keyId}'\s+1\s+changed \(version 2\): key of principal ranking-service revoked"), rows[1]);
        Assert.Matches(new Regex($@"^\S+Z\s+{Regex.Escape(actor)}\s+access\s+grant 'ranking-service:feature_view:driver_hourly_stats'\s+1\s+removed \(version 1\)"), rows[2]);
        Assert.DoesNotContain(token[17..], (await Run("audit", "--limit", "1000")).Output, StringComparison.Ordinal);
        Assert.Equal("no audit lines match\n", (await Run("audit", "--since", "2999-01-01")).Output);
    }

    [GeneratedRegex("^fsk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$")]
    private static partial Regex TokenShape();
}
