using System.Text.Json;
using FeatureStore.Client;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;
using FeatureStore.Serving.Metrics;
using FeatureStore.Serving.Tests.Access;
using FeatureStore.Serving.V1;
using Grpc.Core;

namespace FeatureStore.Serving.Tests.Versions;

/// <summary>
/// Versions served side by side: "view:feature" reads the newest version, "view@N:feature" and services pinning
/// "view@N" read that live version's own online data; a version that is not live fails the whole call.
/// </summary>
public sealed class VersionedReadTests
{
    private static readonly string[] SideBySide = ["driver_stats:conv_rate", "driver_stats@1:conv_rate", "driver_stats@1:old_feature"];

    [Fact]
    public async Task EachReferenceReadsItsOwnVersionUnderItsLabel()
    {
        await using var env = await VersionedServer.StartAsync();

        var result = await env.Client().GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures(SideBySide).WithEntities("driver_id", 1001L).WithFullFeatureNames());

        Assert.Equal(["driver_stats__conv_rate", "driver_stats@1__conv_rate", "driver_stats@1__old_feature"], result.FeatureNames);
        Assert.Equal(VersionedServer.V2ConvRate, result[0, "driver_stats__conv_rate"].Value);
        Assert.Equal(VersionedServer.V1ConvRate, result[0, "driver_stats@1__conv_rate"].Value);
        Assert.Equal(7L, result[0, "driver_stats@1__old_feature"].Value);
        Assert.All(result.FeatureNames, name => Assert.Equal(FieldStatus.Present, result[0, name].Status));

        var pinnedNewest = await env.Client().GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures("driver_stats@2:trips", "driver_stats@2:conv_rate").WithEntities("driver_id", 1001L));
        Assert.Equal(12L, pinnedNewest[0, "trips"].Value);
        Assert.Equal(VersionedServer.V2ConvRate, pinnedNewest[0, "conv_rate"].Value);

        var clash = await Assert.ThrowsAsync<FeatureServingException>(() =>
            env.Client().GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures(SideBySide).WithEntities("driver_id", 1001L)));
        Assert.Equal(StatusCode.InvalidArgument, clash.Status);
        Assert.Contains("feature name 'conv_rate' is in both 'driver_stats' and 'driver_stats@1'", clash.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFeatureServicePinnedToVersionOneServesVersionOneValues()
    {
        await using var env = await VersionedServer.StartAsync();

        var v1 = await env.Client().GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatureService("ab_v1").WithEntities("driver_id", 1001L).WithFullFeatureNames());
        var v2 = await env.Client().GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatureService("ab_v2").WithEntities("driver_id", 1001L));

        Assert.Equal(["driver_stats@1__conv_rate", "driver_stats@1__old_feature"], v1.FeatureNames);
        Assert.Equal(VersionedServer.V1ConvRate, v1[0, "driver_stats@1__conv_rate"].Value);
        Assert.Equal(7L, v1[0, "driver_stats@1__old_feature"].Value);
        Assert.Equal(["conv_rate", "trips"], v2.FeatureNames);
        Assert.Equal(VersionedServer.V2ConvRate, v2[0, "conv_rate"].Value);
        Assert.Equal(12L, v2[0, "trips"].Value);
    }

    [Theory]
    [InlineData("driver_stats@9:conv_rate", StatusCode.NotFound, "feature view 'driver_stats' has no live version 9 (live: 2, 1;")]
    [InlineData("driver_stats@x:conv_rate", StatusCode.InvalidArgument, "invalid feature view 'driver_stats@x'")]
    [InlineData("driver_stats:old_feature", StatusCode.NotFound, "feature 'old_feature' is not in feature view 'driver_stats' (its features: conv_rate, trips)")]
    [InlineData("driver_stats@1:trips", StatusCode.NotFound, "feature 'trips' is not in feature view 'driver_stats@1' (its features: conv_rate, old_feature, credit_score)")]
    [InlineData("ghost@1:conv_rate", StatusCode.NotFound, "feature view 'ghost@1' is not registered in project 'rides'")]
    public async Task AReferenceToAVersionThatIsNotLiveFailsTheWholeCall(string bad, StatusCode expected, string message)
    {
        await using var env = await VersionedServer.StartAsync();
        var client = env.Client();

        var error = await Assert.ThrowsAsync<FeatureServingException>(() =>
            client.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures("driver_stats:conv_rate", bad, "driver_stats@1:old_feature").WithEntities("driver_id", 1001L)));

        Assert.Equal(expected, error.Status);
        Assert.Contains(message, error.Detail, StringComparison.Ordinal);
        var after = await client.GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures("driver_stats@1:old_feature").WithEntities("driver_id", 1001L));
        Assert.Equal(7L, after[0, "old_feature"].Value);
    }

    [Fact]
    public async Task AGrantOnTheViewCoversEveryVersionUpToItsPiiCeiling()
    {
        await using var env = await VersionedServer.StartAsync(authRequired: true);
        var (reader, _) = await AccessObjects.CreateKeyAsync(env.Registry, VersionedServer.Project, "ab-reader");
        var (auditor, _) = await AccessObjects.CreateKeyAsync(env.Registry, VersionedServer.Project, "auditor");
        var (serviceOnly, _) = await AccessObjects.CreateKeyAsync(env.Registry, VersionedServer.Project, "ab-service");
        await AccessObjects.GrantAsync(env.Registry, VersionedServer.Project, AccessObjects.ViewGrant("ab-reader", "driver_stats", PiiClass.Personal));
        await AccessObjects.GrantAsync(env.Registry, VersionedServer.Project, AccessObjects.ViewGrant("auditor", "driver_stats", PiiClass.Sensitive));
        await AccessObjects.GrantAsync(env.Registry, VersionedServer.Project, AccessObjects.ServiceGrant("ab-service", "ab_v1", PiiClass.None));
        await env.WaitForCurrentRevisionAsync();

        var both = await env.Client(reader).GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures(SideBySide).WithEntities("driver_id", 1001L).WithFullFeatureNames());
        var denied = await Assert.ThrowsAsync<FeatureServingException>(() =>
            env.Client(reader).GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures("driver_stats@1:conv_rate", "driver_stats@1:credit_score").WithEntities("driver_id", 1001L)));
        var sensitive = await env.Client(auditor).GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures("driver_stats@1:credit_score").WithEntities("driver_id", 1001L));
        var pinnedService = await env.Client(serviceOnly).GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatureService("ab_v1").WithEntities("driver_id", 1001L));
        var newestWithoutGrant = await Assert.ThrowsAsync<FeatureServingException>(() =>
            env.Client(serviceOnly).GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures("driver_stats:conv_rate").WithEntities("driver_id", 1001L)));

        Assert.Equal(VersionedServer.V2ConvRate, both[0, "driver_stats__conv_rate"].Value);
        Assert.Equal(VersionedServer.V1ConvRate, both[0, "driver_stats@1__conv_rate"].Value);
        Assert.Equal(7L, both[0, "driver_stats@1__old_feature"].Value);
        Assert.Equal(StatusCode.PermissionDenied, denied.Status);
        Assert.Equal(
            "principal 'ab-reader' may not read 1 feature online: driver_stats@1:credit_score (sensitive): its PII class sensitive is above the grant's personal",
            denied.Detail);
        Assert.Equal(712L, sensitive[0, "credit_score"].Value);
        Assert.Equal(7L, pinnedService[0, "old_feature"].Value);
        Assert.Equal(StatusCode.PermissionDenied, newestWithoutGrant.Status);
        Assert.Equal("principal 'ab-service' may not read 1 feature online: driver_stats:conv_rate (none): no online grant covers it", newestWithoutGrant.Detail);
    }

    [Fact]
    public async Task APiiReadOfARetainedVersionIsAuditedUnderItsLabel()
    {
        await using var env = await VersionedServer.StartAsync(authRequired: true);
        var (auditor, _) = await AccessObjects.CreateKeyAsync(env.Registry, VersionedServer.Project, "auditor");
        await AccessObjects.GrantAsync(env.Registry, VersionedServer.Project, AccessObjects.ViewGrant("auditor", "driver_stats", PiiClass.Sensitive));
        await env.WaitForCurrentRevisionAsync();

        var pinned = OnlineFeatureQuery.ForFeatures("driver_stats@1:credit_score", "driver_stats@1:conv_rate", "driver_stats:trips").WithEntities("driver_id", 1001L, 1002L);
        await env.Client(auditor).GetOnlineFeaturesAsync(pinned);
        await env.Client(auditor).GetOnlineFeaturesAsync(pinned);
        await env.StopServerAsync(); // stopping flushes the current minute's lines

        var lines = (await env.Registry.QueryAuditAsync(VersionedServer.Project, new AuditQuery()))
            .Select(r => r.Entry).Where(e => e.Action == AuditActions.OnlineRead).ToList();
        // Only driver 1001 has a row: 2 calls x 1 value served (one line per minute; the calls may straddle one), non-PII features not audited.
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Equal(("auditor", "driver_stats@1:credit_score"), (l.Actor, l.Subject)));
        Assert.Equal(2L, lines.Sum(l => l.Count));
    }

    [Fact]
    public async Task EachLiveVersionHasItsOwnMetricsLabelAndTheNewestKeepsTheViewName()
    {
        await using var env = await VersionedServer.StartAsync();

        await env.Client().GetOnlineFeaturesAsync(OnlineFeatureQuery.ForFeatures(SideBySide).WithEntities("driver_id", 1001L, 9999L).WithFullFeatureNames());

        var metrics = env.Server.Metrics;
        Assert.Equal(1, metrics.View("driver_stats").StatusCount(ServedStatus.Present));
        Assert.Equal(1, metrics.View("driver_stats").StatusCount(ServedStatus.Missing));
        Assert.Equal(2, metrics.View("driver_stats@1").StatusCount(ServedStatus.Present));
        Assert.Equal(2, metrics.View("driver_stats@1").StatusCount(ServedStatus.Missing));
        Assert.Equal(0, metrics.View("driver_stats@2").StatusCount(ServedStatus.Present));
        var snapshot = env.Server.Snapshots.Current!;
        Assert.Equal([("driver_stats", 2), ("driver_stats", 1)], snapshot.Views.Select(v => (v.Name, v.Definition.Version)));
        var samples = await WaitForFreshnessAsync(env, "driver_stats", "driver_stats@1");
        Assert.InRange(samples["featurestore_view_freshness_seconds{view=\"driver_stats@1\"}"], 240, 3600);
        Assert.InRange(samples["featurestore_view_freshness_seconds{view=\"driver_stats\"}"], 0, 239);
    }

    [Fact]
    public async Task TheStockPythonGrpcioClientReadsAPinnedVersion()
    {
        await using var env = await VersionedServer.StartAsync();

        var reply = await InteropClients.RunAsync("python", env.Server.Address, "auth:driver_stats@1:old_feature");

        Assert.True(reply.GetProperty("ok").GetBoolean(), reply.ToString());
        Assert.Equal(["old_feature"], reply.GetProperty("names").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal("7", reply.GetProperty("values")[0][0].GetString());
        Assert.Equal("FIELD_STATUS_PRESENT", reply.GetProperty("statuses")[0][0].GetString());
    }

    /// <summary>Scrapes /metrics until every view's freshness gauge is there (at most 5 s).</summary>
    private static async Task<Dictionary<string, double>> WaitForFreshnessAsync(VersionedServer env, params string[] views)
    {
        for (var i = 0; ; i++)
        {
            var samples = await MetricsTests.ScrapeAsync(env.Server.MetricsAddress!);
            if (views.All(v => samples.ContainsKey($"featurestore_view_freshness_seconds{{view=\"{v}\"}}")) || i == 50)
            {
                return samples;
            }

            await Task.Delay(100);
        }
    }
}
