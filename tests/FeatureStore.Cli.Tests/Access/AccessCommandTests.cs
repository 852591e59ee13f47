using FeatureStore.Registry.Storage;
using FeatureStore.Sdk;

namespace FeatureStore.Cli.Tests.Access;

/// <summary><c>access</c> and <c>audit</c> through the real CLI on the embedded SQLite registry, good input and bad.</summary>
public sealed class AccessCommandTests : IDisposable
{
    private readonly TempRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    private Task<CliRunner.Result> Run(params string[] args) => CliRunner.RunAsync([.. args, "--repo", _repo.Dir]);

    private async Task ApplySampleAsync()
    {
        Assert.Equal(0, (await CliRunner.RunAsync("init", _repo.Dir)).ExitCode);
        Assert.Equal(0, (await Run("apply")).ExitCode);
    }

    [Fact]
    public async Task Keys_grants_show_history_and_audit_work_end_to_end()
    {
        await ApplySampleAsync();
        await AccessCliFlow.RunAsync(_repo.Dir);
    }

    [Fact]
    public async Task A_key_with_a_short_lifetime_is_listed_expired_once_it_passed()
    {
        await ApplySampleAsync();
        var create = await Run("access", "key", "create", "--principal", "batch-job", "--expires", "1s");
        var keyId = create.Output[4..16];

        await Task.Delay(TimeSpan.FromSeconds(1.5));

        Assert.Matches($@"(?m)^{keyId}\s+batch-job\s+\S+Z\s+\S+Z\s+expired$", (await Run("access", "key", "list", "--principal", "batch-job")).Output);
    }

    [Fact]
    public async Task Audit_shows_pii_reads_by_feature_principal_and_time()
    {
        await ApplySampleAsync();
        var now = DateTimeOffset.UtcNow;
        await using (var store = await FeatureStoreSession.OpenAsync(_repo.Dir))
        {
            await store.RecordAuditAsync(
            [
                new AuditEntry(now.AddDays(-30), "trainer", AuditActions.OfflineExport, "customer_profile:age,customer_profile:credit_score", "purpose: churn model", 5000),
                new AuditEntry(now.AddMinutes(-2), "ranking-service", AuditActions.OnlineRead, "customer_profile:credit_score", "", 17),
            ]);
        }

        var byFeature = await Run("audit", "--feature", "credit_score");
        var recent = await Run("audit", "--feature", "customer_profile:credit_score", "--since", "7d");
        var byPrincipal = await Run("audit", "--principal", "trainer", "--since", now.AddDays(-31).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(3, byFeature.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Matches(@"(?m)^\S+Z\s+ranking-service\s+online_read\s+customer_profile:credit_score\s+17$", byFeature.Output);
        Assert.Matches(@"(?m)^\S+Z\s+trainer\s+offline_export\s+customer_profile:age,customer_profile:credit_score\s+5000\s+purpose: churn model$", byFeature.Output);
        Assert.DoesNotContain("trainer", recent.Output, StringComparison.Ordinal);
        Assert.Contains("ranking-service", recent.Output, StringComparison.Ordinal);
        Assert.Equal(2, byPrincipal.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [InlineData("--pii 'high' is not a PII class: use none, personal or sensitive", "access", "grant", "--principal", "svc", "--view", "customer_profile", "--pii", "high")]
    [InlineData("give either --feature-service NAME or --view NAME (exactly one)", "access", "grant", "--principal", "svc")]
    [InlineData("give either --feature-service NAME or --view NAME (exactly one)", "access", "grant", "--principal", "svc", "--view", "customer_profile", "--feature-service", "customer_risk")]
    [InlineData("give either --feature-service NAME or --view NAME (exactly one)", "access", "revoke", "--principal", "svc")]
    [InlineData("principal 'Svc' is not a valid name", "access", "grant", "--principal", "Svc", "--view", "customer_profile")]
    [InlineData("principal 'a b' is not a valid name", "access", "key", "create", "--principal", "a b")]
    [InlineData("cannot grant feature view 'nope': it is not registered in project", "access", "grant", "--principal", "svc", "--view", "nope")]
    [InlineData("cannot grant feature service 'customer_profile': it is not registered in project", "access", "grant", "--principal", "svc", "--feature-service", "customer_profile")]
    [InlineData("principal 'svc' holds no grant on feature view 'customer_profile'", "access", "revoke", "--principal", "svc", "--view", "customer_profile")]
    [InlineData("--expires '3q' is not a positive duration", "access", "key", "create", "--principal", "svc", "--expires", "3q")]
    [InlineData("--expires '0s' is not a positive duration", "access", "key", "create", "--principal", "svc", "--expires", "0s")]
    [InlineData("no access key '0123456789ab' in project", "access", "key", "revoke", "0123456789ab")]
    [InlineData("'xyz' is not a key id", "access", "key", "revoke", "xyz")]
    [InlineData("--since 'yesterday' is neither a date or time", "audit", "--since", "yesterday")]
    [InlineData("--limit '0' is not a positive whole number", "audit", "--limit", "0")]
    [InlineData("--limit 'ten' is not a positive whole number", "audit", "--limit", "ten")]
    [InlineData("principal 'Nobody' is not a valid name", "access", "show", "Nobody")]
    public async Task Bad_input_is_one_error_line_naming_the_option_or_value_and_changes_nothing(string expected, params string[] args)
    {
        await ApplySampleAsync();
        var before = (await Run("history", "--limit", "1")).Output;

        var result = await Run(args);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Output);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: " + expected, line, StringComparison.Ordinal);
        Assert.Equal(before, (await Run("history", "--limit", "1")).Output);
    }

    [Fact]
    public async Task A_whole_key_given_to_revoke_is_refused_without_echoing_it()
    {
        await ApplySampleAsync();
        var token = (await Run("access", "key", "create", "--principal", "svc")).Output.TrimEnd('\n');

        var result = await Run("access", "key", "revoke", token);

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain(token[17..], result.Error, StringComparison.Ordinal);
        Assert.Contains("never the whole key", result.Error, StringComparison.Ordinal);
        Assert.Contains("active", (await Run("access", "key", "list")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_required_principal_is_reported_on_stderr_naming_the_option()
    {
        await ApplySampleAsync();

        var result = await Run("access", "key", "create");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--principal", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Empty((await Run("access", "key", "list")).Output.Replace("no access keys\n", "", StringComparison.Ordinal));
    }
}
