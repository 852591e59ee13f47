using System.Globalization;
using FeatureStore.Client;
using FeatureStore.Offline;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;
using FeatureStore.Sdk.Offline;
using FeatureStore.Sdk.Online;

namespace FeatureStore.Sdk.Tests.Session;

/// <summary>
/// The quickstart from C# through one <see cref="FeatureStoreSession"/>: the sample repo of <c>featurestore init</c>,
/// definitions declared in C# and applied, plan/list/describe/history, training sets from a file spine and from rows
/// (checked against the Parquet history read directly), materialization into the embedded online store, online reads.
/// </summary>
public sealed class QuickstartFlowTests
{
    private const long UnknownDriver = 99_999;

    public sealed record Label(long DriverId, DateTimeOffset EventTimestamp, int TripCompleted);

    public sealed record TrainingRow(long DriverId, DateTimeOffset EventTimestamp, int TripCompleted, float? ConvRate, FeatureStatus ConvRateStatus, float[]? Embedding);

    public sealed class OnlineRow
    {
        public long DriverId { get; init; }

        public double? ConvRate { get; set; }

        public FeatureStatus ConvRateStatus { get; set; }
    }

    [Fact]
    public async Task The_quickstart_runs_end_to_end_from_csharp()
    {
        using var repo = await SampleRepo.CreateAsync();
        var oracle = new DriverStatsOracle(repo.Dir);
        await using var store = await FeatureStoreSession.OpenAsync(repo.Dir);
        Assert.Equal(("rides", repo.Dir), (store.Project, store.RepoDir));

        // Plan and apply the definitions declared in C#.
        var definitions = RidesDefinitions.Build();
        var plan = await store.PlanAsync(definitions);
        Assert.Equal(10, plan.CountOf(ChangeType.Added));
        var applied = await store.ApplyAsync(definitions, new ApplyOptions { Actor = "sdk-test" });
        Assert.Equal((1L, "sdk-test"), (applied.Record!.Revision, applied.Record.Actor));
        Assert.False((await store.PlanAsync(definitions)).HasChanges);
        Assert.False((await store.PlanAsync(store.LoadRepoDefinitions())).HasChanges);
        Assert.Null((await store.ApplyAsync(definitions)).Record);

        // What the registry holds, and who applied it.
        var listing = await store.ListAsync();
        Assert.Equal(["customer_profile", "driver_embedding", "driver_hourly_stats"], listing.FeatureViews.Select(v => v.Name));
        Assert.All(listing.FeatureViews, v => Assert.Equal(1, v.Version));
        var risk = Assert.Single(await store.DescribeAsync("customer_risk"));
        Assert.Equal(ObjectKind.FeatureService, risk.Kind);
        Assert.Equal(
            [("age", PiiClass.Personal), ("credit_score", PiiClass.Sensitive), ("lifetime_value", PiiClass.None)],
            risk.SelectedFeatures.Select(f => (f.Feature.Name, f.Feature.Pii)));
        Assert.Equal(["driver_embedding", "driver_hourly_stats"], Assert.Single(await store.DescribeAsync("driver")).UsedBy);
        var history = Assert.Single(await store.HistoryAsync());
        Assert.Equal(("sdk-test", 10), (history.Actor, history.Changes.Count));
        Assert.Single(await store.HistoryAsync("driver_hourly_stats"));

        // Training sets: the same labelled events from a CSV file and from C# rows give the same, correct values.
        var t = oracle.LastEvent.AddDays(-1);
        List<Label> labels =
        [
            .. Enumerable.Range(0, 20).Select(i => new Label(1001 + i, t.AddMinutes(-37 * i), i % 2)),
            new Label(1001, oracle.FirstEvent.AddDays(-1), 1),
            new Label(UnknownDriver, t, 0),
        ];
        var csv = repo.PathOf("labels.csv");
        await File.WriteAllLinesAsync(csv, ["driver_id,event_timestamp,trip_completed", .. labels.Select(l => $"{l.DriverId},{l.EventTimestamp.ToString("O", CultureInfo.InvariantCulture)},{l.TripCompleted}")]);
        var fromFile = await store.GetHistoricalFeaturesForService(Spine.FromFile(csv), "driver_ranking").ExecuteAsync();
        var fromRows = await store.GetHistoricalFeaturesForService(Spine.FromRows(labels), "driver_ranking").ExecuteAsync();

        Assert.Equal(labels.Count, fromRows.RowCount);
        Assert.Equal(["driver_id", "event_timestamp", "trip_completed", "conv_rate", "acc_rate", "avg_daily_trips", "embedding"], fromRows.Schema.Fields.Select(f => f.Name));
        for (var row = 0; row < labels.Count; row++)
        {
            var (status, convRate) = oracle.AsOf(labels[row].DriverId, labels[row].EventTimestamp);
            foreach (var table in new[] { fromFile, fromRows })
            {
                Assert.Equal(labels[row].DriverId, table.GetInt64(row, "driver_id"));
                Assert.Equal(labels[row].EventTimestamp, table.GetDateTimeOffset(row, "event_timestamp"));
                Assert.Equal(status, table.GetStatus(row, "conv_rate"));
                Assert.Equal(convRate is null, table.IsNull(row, "conv_rate"));
                if (convRate is { } value)
                {
                    Assert.Equal(value, table.GetDouble(row, "conv_rate"));
                }
            }
        }

        Assert.Equal(FeatureStatus.Missing, fromRows.GetStatus(labels.Count - 1, "conv_rate"));
        Assert.Equal(FeatureStatus.Missing, fromRows.GetStatus(labels.Count - 2, "embedding"));
        Assert.Equal(20, fromRows.StatusCounts()["conv_rate"][FeatureStatus.Present]);

        var rows = fromRows.ToRows<TrainingRow>();
        Assert.Equal(labels.Select(l => (l.DriverId, l.EventTimestamp, l.TripCompleted)), rows.Select(r => (r.DriverId, r.EventTimestamp, r.TripCompleted)));
        Assert.Equal(labels.Select(l => oracle.AsOf(l.DriverId, l.EventTimestamp)), rows.Select(r => (r.ConvRateStatus, r.ConvRate)));
        Assert.Equal(8, rows[0].Embedding!.Length);
        Assert.Null(rows[^1].Embedding);

        // Materialize into the embedded online store and read it back directly, with statuses.
        var reports = new List<MaterializationProgress>();
        var summary = await store.MaterializeIncrementalAsync(progress: new Recorder(reports));
        Assert.True(summary.Succeeded);
        Assert.Equal(3, summary.Views.Count);
        Assert.Equal(
            ["customer_profile", "driver_embedding", "driver_hourly_stats"],
            reports.Where(r => r.Stage == MaterializationStage.ViewFinished).Select(r => r.View).Order(StringComparer.Ordinal));
        Assert.Contains(reports, r => r is { Stage: MaterializationStage.ViewStarted, View: "driver_hourly_stats", RowsToWrite: 500 });

        var marks = (await store.GetMaterializationRunsAsync("driver_hourly_stats")).Watermarks.Single();
        var query = OnlineFeatureQuery.ForFeatureService("driver_ranking").WithEntities("driver_id", 1001L, 1002L, UnknownDriver);
        var online = await store.GetOnlineFeaturesAsync(query);
        Assert.Equal(["conv_rate", "acc_rate", "avg_daily_trips", "embedding"], online.FeatureNames);
        foreach (var (row, driver) in new[] { (0, 1001L), (1, 1002L) })
        {
            var expected = oracle.Latest(driver, marks.EventWatermark, marks.CreatedWatermark!.Value);
            Assert.Equal(FeatureStatus.Present, online.GetStatus(row, "conv_rate"));
            Assert.Equal(expected.ConvRate, online.GetValue(row, "conv_rate").AsFloat32());
            Assert.Equal(expected.Event, online.GetEventTimestamp(row, "conv_rate"));
            Assert.Equal(FeatureStatus.Present, online.GetStatus(row, "embedding"));
        }

        Assert.Equal(FeatureStatus.Missing, online.GetStatus(2, "conv_rate"));
        Assert.Null(online.GetEventTimestamp(2, "conv_rate"));
        var onlineRows = online.ToRows<OnlineRow>();
        Assert.Equal([1001L, 1002L, UnknownDriver], onlineRows.Select(r => r.DriverId));
        Assert.Equal((double)oracle.Latest(1001, marks.EventWatermark, marks.CreatedWatermark!.Value).ConvRate, onlineRows[0].ConvRate);
        Assert.Equal((null, FeatureStatus.Missing), (onlineRows[2].ConvRate, onlineRows[2].ConvRateStatus));
    }

    [Fact]
    public async Task Online_values_older_than_the_view_ttl_are_withheld_as_outside_ttl()
    {
        using var repo = await SampleRepo.CreateAsync();
        await using (var store = await FeatureStoreSession.OpenAsync(repo.Dir))
        {
            await store.ApplyAsync(RidesDefinitions.Build());
            await store.MaterializeIncrementalAsync(options: new MaterializeOptions { Views = ["driver_hourly_stats", "driver_embedding"] });
        }

        // Three days later the 2-day TTL of driver_hourly_stats has passed; driver_embedding has no TTL.
        await using var later = await FeatureStoreSession.OpenAsync(new FeatureStoreSettings(repo.Dir) { Clock = new ShiftedClock(TimeSpan.FromDays(3)) });
        var online = await later.GetOnlineFeaturesAsync(
            OnlineFeatureQuery.ForFeatures("driver_hourly_stats:conv_rate", "driver_embedding:embedding").WithEntities("driver_id", 1001L));

        Assert.Equal(FeatureStatus.OutsideTtl, online.GetStatus(0, "conv_rate"));
        Assert.True(online.IsNull(0, "conv_rate"));
        Assert.NotNull(online.GetEventTimestamp(0, "conv_rate"));
        Assert.True(online.GetAge(0, "conv_rate") > TimeSpan.FromDays(2));
        Assert.Equal(FeatureStatus.Present, online.GetStatus(0, "embedding"));
    }

    /// <summary>Collects reports synchronously, in the order the run makes them.</summary>
    private sealed class Recorder(List<MaterializationProgress> reports) : IProgress<MaterializationProgress>
    {
        public void Report(MaterializationProgress value) => reports.Add(value);
    }

    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
    }
}
