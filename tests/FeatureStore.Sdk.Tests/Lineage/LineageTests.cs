using System.Globalization;
using FeatureStore.Cli;
using FeatureStore.Offline;
using FeatureStore.Registry.Access;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;
using FeatureStore.Sdk.Offline;
using FeatureStore.Sdk.Tests.Session;

namespace FeatureStore.Sdk.Tests.Lineage;

public sealed class LineageTests
{
    [Fact]
    public async Task Lineage_names_upstream_downstream_pii_and_grants_of_each_kind_of_object()
    {
        using var repo = await SampleRepo.CreateAsync();
        await using var session = await FeatureStoreSession.OpenAsync(repo.Dir);
        await session.ApplyAsync(RidesDefinitions.Build());
        var output = repo.PathOf("ranking.parquet");
        await File.WriteAllLinesAsync(repo.PathOf("spine.csv"),
            ["driver_id,event_timestamp", .. Enumerable.Range(1001, 5).Select(d => $"{d},{DateTimeOffset.UtcNow.AddDays(-1).ToString("O", CultureInfo.InvariantCulture)}")]);
        await session.GetHistoricalFeaturesForService(Spine.FromFile(repo.PathOf("spine.csv")), "driver_ranking").WriteAsync(output);
        var manifest = Path.GetFullPath(ManifestJson.PathFor(output));
        await using (var registry = RegistryStoreFactory.Open(RegistryStoreSettings.Default, repo.Dir))
        {
            await registry.RecordTrainingSetAsync("rides", new TrainingSetRecord(manifest, DateTimeOffset.UtcNow, "tester", 5));
            var revision = await registry.GetRevisionAsync("rides");
            GrantDefinition[] grants =
            [
                new("ranking-service", GrantTargetKind.FeatureService, "driver_ranking", PiiClass.None, Online: true, Offline: false),
                new("risk-team", GrantTargetKind.FeatureView, "customer_profile", PiiClass.Sensitive, Online: false, Offline: true),
            ];
            await registry.CommitAsync("rides", revision, "tester",
                [.. grants.Select(g => new ObjectWrite(ObjectKind.Grant, g.Name, ChangeType.Added, RegistryJson.Serialize(g), "granted"))]);
        }

        var view = Assert.Single(await session.LineageAsync("driver_hourly_stats"));
        Assert.Equal(("feature view", "rides-ml@example.com"), (view.Subject.Kind, view.Subject.Owner));
        Assert.Equal([("data source", "driver_stats_source"), ("entity", "driver")], view.Upstream.Select(n => (n.Kind, n.Name)));
        Assert.Equal([("feature service", "driver_ranking"), ("training set", manifest)], view.Downstream.Select(n => (n.Kind, n.Name)));
        Assert.Equal(4, view.Features.Count);
        var grant = Assert.Single(view.Grants);
        Assert.Equal(("ranking-service", "feature service 'driver_ranking'"), (grant.Principal, grant.Target));
        Assert.Equal(["driver_hourly_stats:conv_rate", "driver_hourly_stats:acc_rate", "driver_hourly_stats:avg_daily_trips"], grant.CoveredFeatures);

        var source = Assert.Single(await session.LineageAsync("customer_profile_source"));
        Assert.Empty(source.Upstream);
        Assert.Equal([("feature view", "customer_profile"), ("feature service", "customer_risk")], source.Downstream.Select(n => (n.Kind, n.Name)));
        Assert.Equal(PiiClass.Sensitive, source.Features.Single(f => f.Reference == "customer_profile:credit_score").Pii);
        Assert.Equal(["risk-team"], source.Grants.Select(g => g.Principal));

        var service = Assert.Single(await session.LineageAsync("driver_ranking"));
        Assert.Equal(
            ["feature view driver_hourly_stats", "feature view driver_embedding", "data source driver_stats_source", "data source driver_embeddings_source", "entity driver"],
            service.Upstream.Select(n => $"{n.Kind} {n.Name}"));
        Assert.Equal(manifest, Assert.Single(service.Downstream).Name);
        Assert.Equal(4, service.Features.Count);

        var trainingSet = Assert.Single(await session.LineageAsync(manifest));
        Assert.Equal("training set", trainingSet.Subject.Kind);
        Assert.Contains(trainingSet.Upstream, n => n is { Kind: "feature service", Name: "driver_ranking" });
        Assert.Contains(trainingSet.Upstream, n => n is { Kind: "feature view", Name: "driver_hourly_stats", Detail: "version 1" });
        Assert.Empty(trainingSet.Downstream);

        var missing = await Assert.ThrowsAsync<FeatureStoreException>(() => session.LineageAsync("no_such_thing"));
        Assert.Equal(FeatureStoreErrorCode.NotFound, missing.Code);
        Assert.Contains("'no_such_thing'", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_lineage_command_prints_owners_pii_and_grants()
    {
        using var repo = await SampleRepo.CreateAsync();
        await using (var session = await FeatureStoreSession.OpenAsync(repo.Dir))
        {
            await session.ApplyAsync(RidesDefinitions.Build());
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(["lineage", "customer_risk", "--repo", repo.Dir], output, error);

        Assert.True(exit == 0, error.ToString());
        var text = output.ToString();
        Assert.StartsWith("feature service 'customer_risk' (owner risk-ml@example.com)\n", text, StringComparison.Ordinal);
        Assert.Contains("    feature view 'customer_profile' (owner growth-ml@example.com): version 1\n", text, StringComparison.Ordinal);
        Assert.Contains("    customer_profile:credit_score  int32  pii sensitive\n", text, StringComparison.Ordinal);
        Assert.Contains("  grants: none\n", text, StringComparison.Ordinal);

        using var failed = new StringWriter();
        Assert.NotEqual(0, await CliApp.RunAsync(["lineage", "nope", "--repo", repo.Dir], new StringWriter(), failed));
        Assert.StartsWith("error: no data source, entity, feature view or feature service named 'nope'", failed.ToString(), StringComparison.Ordinal);
    }
}
