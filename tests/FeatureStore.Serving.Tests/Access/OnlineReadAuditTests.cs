using FeatureStore.Client;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;
using Microsoft.Data.Sqlite;

namespace FeatureStore.Serving.Tests.Access;

/// <summary>
/// The online PII audit against a real server and its SQLite registry: personal and sensitive values served are
/// counted per (principal, feature, minute) and appended as online_read lines; finished minutes go out while serving,
/// the rest at shutdown; a registry that refuses the lines fails no request and gets them later.
/// </summary>
public sealed class OnlineReadAuditTests
{
    private static readonly string[] AllPii = ["driver_pii:rating", "driver_pii:home_city", "driver_pii:credit_score"];

    [Fact]
    public async Task PersonalAndSensitiveValuesServedAreCountedPerPrincipalAndFeature()
    {
        await using var env = await AccessServer.StartAsync(authRequired: true);
        var tokens = await OnlineAccessMatrixTests.CreatePrincipalsAsync(env);
        await env.WaitForCurrentRevisionAsync();
        var threeDrivers = OnlineFeatureQuery.ForFeatures(AllPii).WithEntities("driver_id", 1001L, 1002L, 1003L);
        var started = DateTimeOffset.UtcNow;

        var sensitive = env.Client(tokens["view-sensitive"]);
        await sensitive.GetOnlineFeaturesAsync(threeDrivers);
        await sensitive.GetOnlineFeaturesAsync(threeDrivers);
        await env.Client(tokens["view-personal"]).GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatureService("ranking").WithEntities("driver_id", 1001L));
        var denied = await OnlineAccessMatrixTests.CallAsync(env.Client(tokens["view-none"]), threeDrivers);
        await env.StopServerAsync();

        Assert.Equal("PERMISSION_DENIED", denied.Outcome);
        var lines = await env.OnlineReadLinesAsync();
        // Two of three drivers have a row: 2 values per call; a minute boundary during the test splits a count in two lines.
        Assert.Equal(
            [("view-personal", "driver_pii:home_city", 1L), ("view-sensitive", "driver_pii:credit_score", 4L), ("view-sensitive", "driver_pii:home_city", 4L)],
            lines.GroupBy(l => (l.Actor, l.Subject)).Select(g => (g.Key.Actor, g.Key.Subject, g.Sum(l => l.Count))).OrderBy(t => t.Actor).ThenBy(t => t.Subject));
        Assert.All(lines, l =>
        {
            Assert.Equal(0, l.At.Second);
            Assert.InRange(l.At, started.AddMinutes(-1), DateTimeOffset.UtcNow);
        });
        OnlineAccessMatrixTests.AssertTokensNeverLogged(env, tokens.Values);
        Assert.DoesNotContain(lines, l => tokens.Values.OfType<string>().Any(t => l.Detail.Contains(t, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task FinishedMinutesAreAppendedWhileServingAndAPresentedKeyNamesThePrincipalWhenKeysAreOptional()
    {
        var clock = ManualClock.AtSecond(10);
        await using var env = await (await AccessServer.CreateAsync(authRequired: false, clock: clock)).StartServerAsync();
        var (token, _) = await AccessObjects.CreateKeyAsync(env.Registry, AccessServer.Project, "fraud-model");
        await env.WaitForCurrentRevisionAsync();
        var minute = clock.GetUtcNow().AddSeconds(-10);
        var twoDrivers = OnlineFeatureQuery.ForFeatures("driver_pii:credit_score", "driver_stats:trips").WithEntities("driver_id", 1001L, 1002L);

        await env.Client(null).GetOnlineFeaturesAsync(twoDrivers);
        await env.Client(token).GetOnlineFeaturesAsync(twoDrivers);
        await env.Client(token).GetOnlineFeaturesAsync(twoDrivers);
        await Task.Delay(400);
        Assert.Empty(await env.OnlineReadLinesAsync()); // the minute is not over
        clock.Advance(TimeSpan.FromMinutes(1));
        var lines = await WaitForLinesAsync(env, 2);

        Assert.Equal(
            [new AuditEntry(minute, "anonymous", AuditActions.OnlineRead, "driver_pii:credit_score", "", 2),
             new AuditEntry(minute, "fraud-model", AuditActions.OnlineRead, "driver_pii:credit_score", "", 4)],
            lines);
    }

    [Fact]
    public async Task ARegistryRefusingAuditLinesFailsNoReadLogsOneWarningAndGetsTheLinesBack()
    {
        var clock = ManualClock.AtSecond(10);
        await using var env = await (await AccessServer.CreateAsync(authRequired: false, clock: clock)).StartServerAsync();
        var minute = clock.GetUtcNow().AddSeconds(-10);
        var client = env.Client(null);
        await client.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures("driver_pii:home_city").WithEntities("driver_id", 1001L));

        await RenameAuditTableAsync(env, "audit", "audit_away");
        clock.Advance(TimeSpan.FromMinutes(1));
        await WaitForAsync(() => env.Logs.Lines.Any(l => l.EventId == 6010), "the audit append failure warning");
        var during = await client.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures("driver_pii:home_city").WithEntities("driver_id", 1001L, 1002L));
        clock.Advance(TimeSpan.FromMinutes(1));
        await Task.Delay(600); // several more failed flushes
        var warnings = env.Logs.Lines.Count(l => l.EventId == 6010);
        await RenameAuditTableAsync(env, "audit_away", "audit");
        var lines = await WaitForLinesAsync(env, 2);
        // The recovery is logged right after the append commits, so the lines can be visible a moment before the log.
        await WaitForAsync(() => env.Logs.Lines.Any(l => l.EventId == 6011), "the audit recovery log");

        Assert.Equal("Nice", during[1, "home_city"].Value);
        Assert.Equal(1, warnings);
        Assert.Equal(
            [new AuditEntry(minute, "anonymous", AuditActions.OnlineRead, "driver_pii:home_city", "", 1),
             new AuditEntry(minute.AddMinutes(1), "anonymous", AuditActions.OnlineRead, "driver_pii:home_city", "", 2)],
            lines);
    }

    [Fact]
    public async Task AfterAnAppendLinesOlderThanTheRetentionArePurged()
    {
        var clock = ManualClock.AtSecond(10);
        var env = await AccessServer.CreateAsync(authRequired: false, clock: clock);
        await using var _ = env;
        var now = clock.GetUtcNow();
        await env.Registry.AppendAuditAsync(AccessServer.Project,
        [
            new AuditEntry(now.AddDays(-401), "old-reader", AuditActions.OnlineRead, "driver_pii:home_city"),
            new AuditEntry(now.AddDays(-399), "recent-reader", AuditActions.OnlineRead, "driver_pii:home_city"),
        ]);
        await env.StartServerAsync();

        await env.Client(null).GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures("driver_pii:home_city").WithEntities("driver_id", 1001L));
        clock.Advance(TimeSpan.FromMinutes(1));
        await WaitForAsync(async () => (await env.OnlineReadLinesAsync()).Any(l => l.Actor == "anonymous"), "the appended line");
        await WaitForAsync(async () => (await env.OnlineReadLinesAsync()).All(l => l.Actor != "old-reader"), "the purge of the old line");

        Assert.Equal(["recent-reader", "anonymous"], (await env.OnlineReadLinesAsync()).Select(l => l.Actor));
    }

    private static async Task<List<AuditEntry>> WaitForLinesAsync(AccessServer env, int count)
    {
        List<AuditEntry> lines = [];
        await WaitForAsync(async () => (lines = await env.OnlineReadLinesAsync()).Count >= count, $"{count} online_read audit lines");
        return lines;
    }

    private static Task WaitForAsync(Func<bool> condition, string what) => WaitForAsync(() => Task.FromResult(condition()), what);

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"no {what} within 10 s");
            await Task.Delay(50);
        }
    }

    /// <summary>Makes the registry refuse (or take again) audit appends for real: the table is renamed by another connection.</summary>
    private static async Task RenameAuditTableAsync(AccessServer env, string from, string to)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(env.RepoDir, "registry.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"ALTER TABLE {from} RENAME TO {to}";
        await command.ExecuteNonQueryAsync();
    }
}
