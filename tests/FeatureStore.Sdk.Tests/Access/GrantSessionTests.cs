using FeatureStore.Registry.Access;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Sdk.Tests.Access;

/// <summary>Grants through the session: versioned commits in the history, refusals, the overview, the compiled policy.</summary>
public sealed class GrantSessionTests
{
    private static GrantDefinition RiskGrant(PiiClass ceiling, bool online = true, bool offline = true) =>
        new("risk-scorer", GrantTargetKind.FeatureService, "customer_risk", ceiling, online, offline);

    [Fact]
    public async Task Grant_changes_are_added_changed_and_removed_commits_in_the_history()
    {
        await using var repo = await AppliedRepo.CreateAsync();
        var name = RiskGrant(PiiClass.None).Name;

        var added = await repo.Store.GrantAsync(RiskGrant(PiiClass.None));
        var unchanged = await repo.Store.GrantAsync(RiskGrant(PiiClass.None));
        var changed = await repo.Store.GrantAsync(RiskGrant(PiiClass.Personal, offline: false));
        var removed = await repo.Store.RevokeGrantAsync("risk-scorer", GrantTargetKind.FeatureService, "customer_risk");

        Assert.NotNull(added);
        Assert.Null(unchanged);
        Assert.NotNull(changed);
        Assert.Equal((added.Revision + 1, added.Revision + 2), (changed.Revision, removed.Revision));
        var history = await repo.Store.HistoryAsync(name);
        Assert.Equal(
            [
                (ChangeType.Removed, 2L, "risk-scorer may no longer read feature service 'customer_risk'"),
                (ChangeType.Changed, 2L, "max PII none → personal; modes online and offline → online"),
                (ChangeType.Added, 1L, "risk-scorer may read feature service 'customer_risk' up to PII none, online and offline"),
            ],
            history.Select(h => Assert.Single(h.Changes)).Select(c => (c.Change, c.Version, c.Summary)));
        Assert.All(history, h => Assert.Equal(ObjectKind.Grant, h.Changes[0].Kind));
        Assert.Empty((await repo.Store.ShowAccessAsync("risk-scorer")).Grants);
    }

    [Fact]
    public async Task A_grant_on_an_unregistered_target_or_a_missing_grant_is_not_found_naming_it()
    {
        await using var repo = await AppliedRepo.CreateAsync();
        var before = (await repo.Store.HistoryAsync(limit: 1))[0].Revision;

        var noView = await Assert.ThrowsAsync<FeatureStoreException>(() =>
            repo.Store.GrantAsync(new GrantDefinition("svc", GrantTargetKind.FeatureView, "no_such_view", PiiClass.None, true, true)));
        // A view's name is not a service's: the kind must match too.
        var wrongKind = await Assert.ThrowsAsync<FeatureStoreException>(() =>
            repo.Store.GrantAsync(new GrantDefinition("svc", GrantTargetKind.FeatureService, "customer_profile", PiiClass.None, true, true)));
        var noGrant = await Assert.ThrowsAsync<FeatureStoreException>(() =>
            repo.Store.RevokeGrantAsync("svc", GrantTargetKind.FeatureView, "customer_profile"));

        Assert.Equal((FeatureStoreErrorCode.NotFound, "cannot grant feature view 'no_such_view': it is not registered in project 'rides'"), (noView.Code, noView.Message));
        Assert.Equal(FeatureStoreErrorCode.NotFound, wrongKind.Code);
        Assert.Contains("feature service 'customer_profile'", wrongKind.Message, StringComparison.Ordinal);
        Assert.Equal((FeatureStoreErrorCode.NotFound, "principal 'svc' holds no grant on feature view 'customer_profile' in project 'rides'"), (noGrant.Code, noGrant.Message));
        Assert.Equal(before, (await repo.Store.HistoryAsync(limit: 1))[0].Revision);
    }

    [Fact]
    public async Task A_grant_for_no_mode_or_a_badly_named_principal_is_an_invalid_request()
    {
        await using var repo = await AppliedRepo.CreateAsync();

        var noMode = await Assert.ThrowsAsync<FeatureStoreException>(() => repo.Store.GrantAsync(RiskGrant(PiiClass.None, online: false, offline: false)));
        var badName = await Assert.ThrowsAsync<FeatureStoreException>(() =>
            repo.Store.GrantAsync(new GrantDefinition("svc:admin", GrantTargetKind.FeatureView, "customer_profile", PiiClass.None, true, true)));

        Assert.Equal(FeatureStoreErrorCode.InvalidAccessRequest, noMode.Code);
        Assert.Contains("allows neither online nor offline", noMode.Message, StringComparison.Ordinal);
        Assert.Equal(FeatureStoreErrorCode.InvalidAccessRequest, badName.Code);
        Assert.Contains("'svc:admin'", badName.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_overview_lists_keys_grants_and_each_covered_feature_with_its_pii_class()
    {
        await using var repo = await AppliedRepo.CreateAsync();
        var (_, key) = await repo.Store.CreateAccessKeyAsync("risk-scorer");
        await repo.Store.CreateAccessKeyAsync("someone-else");
        await repo.Store.GrantAsync(RiskGrant(PiiClass.Personal));
        await repo.Store.GrantAsync(new GrantDefinition("risk-scorer", GrantTargetKind.FeatureView, "driver_hourly_stats", PiiClass.None, true, false));

        var overview = await repo.Store.ShowAccessAsync("risk-scorer");

        Assert.Equal(key, Assert.Single(overview.Keys));
        Assert.Equal(["customer_risk", "driver_hourly_stats"], overview.Grants.Select(g => g.Grant.Target));
        Assert.All(overview.Grants, g => Assert.True(g.TargetRegistered));
        Assert.Equal(
            [("customer_profile:age", PiiClass.Personal, true), ("customer_profile:credit_score", PiiClass.Sensitive, false), ("customer_profile:lifetime_value", PiiClass.None, true)],
            overview.Grants[0].Features.Select(f => (f.Reference, f.Pii, f.WithinGrant)));
        Assert.Equal(
            ["driver_hourly_stats:conv_rate", "driver_hourly_stats:acc_rate", "driver_hourly_stats:avg_daily_trips", "driver_hourly_stats:rating"],
            overview.Grants[1].Features.Select(f => f.Reference));
    }

    [Fact]
    public async Task The_policy_is_reused_while_the_revision_holds_and_follows_grant_changes()
    {
        await using var repo = await AppliedRepo.CreateAsync();
        await repo.Store.GrantAsync(RiskGrant(PiiClass.None));

        var first = await repo.Store.GetAccessPolicyAsync();
        var same = await repo.Store.GetAccessPolicyAsync();
        await repo.Store.GrantAsync(RiskGrant(PiiClass.Sensitive));
        var after = await repo.Store.GetAccessPolicyAsync();

        Assert.Same(first, same);
        Assert.NotSame(first, after);
        (string, string)[] score = [("customer_profile", "credit_score")];
        Assert.Equal("its PII class sensitive is above the grant's none", Assert.Single(first.Check("risk-scorer", score, AccessMode.Online)).Reason);
        Assert.Empty(after.Check("risk-scorer", score, AccessMode.Online));
        Assert.Equal(PiiClass.Sensitive, after.PiiOf("customer_profile", "credit_score"));
    }

    [Fact]
    public async Task Grants_racing_from_two_sessions_both_land_after_one_retry()
    {
        await using var repo = await AppliedRepo.CreateAsync();
        await using var other = await repo.OpenAnotherAsync();

        for (var round = 0; round < 5; round++)
        {
            var principals = new[] { $"first-{round}", $"second-{round}" };
            await Task.WhenAll(
                Task.Run(() => repo.Store.GrantAsync(new GrantDefinition(principals[0], GrantTargetKind.FeatureView, "customer_profile", PiiClass.None, true, true))),
                Task.Run(() => other.GrantAsync(new GrantDefinition(principals[1], GrantTargetKind.FeatureView, "customer_profile", PiiClass.None, true, true))));
        }

        var policy = await repo.Store.GetAccessPolicyAsync();
        Assert.Equal(10, policy.Grants.Count);
        var audit = await repo.Store.QueryAuditAsync(new AuditQuery());
        Assert.Equal(10, audit.Count(l => l.Entry.Action == AuditActions.Access));
    }
}
