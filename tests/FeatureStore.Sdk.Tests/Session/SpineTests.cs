using Apache.Arrow;
using Apache.Arrow.Types;
using FeatureStore.Offline;
using FeatureStore.Sdk.Offline;

namespace FeatureStore.Sdk.Tests.Session;

/// <summary>Spines from C# rows and from Arrow batches: column names, types, and what the manifest records for them.</summary>
public sealed class SpineTests
{
    public sealed record Row(long DriverID, DateTime EventTimestamp, int? Label, string Source, bool Holdout, double Weight);

    [Fact]
    public async Task Rows_become_snake_case_columns_with_their_types_and_nulls_and_join_by_key()
    {
        using var repo = await SampleRepo.CreateAsync();
        await using var store = await FeatureStoreSession.OpenAsync(repo.Dir);
        await store.ApplyAsync(RidesDefinitions.Build());
        var t = new DateTime(2020, 1, 1, 12, 0, 0, DateTimeKind.Utc);

        var table = await store.GetHistoricalFeatures(
            Spine.FromRows([new Row(1001, t, 1, "app", false, 0.5), new Row(1002, t, null, "web", true, 2)]),
            ["driver_embedding:embedding"]).ExecuteAsync();

        Assert.Equal(
            ["driver_id: Int64", "event_timestamp: Timestamp(Micros, utc=True)", "label: Int32?", "source: String?", "holdout: Boolean", "weight: Double", "embedding: List<Float?>?"],
            table.Schema.Fields.Select(f => f.ToString()));
        Assert.Equal(new DateTimeOffset(t), table.GetDateTimeOffset(0, "event_timestamp"));
        Assert.True(table.IsNull(1, "label"));
        Assert.Equal(("web", true, 2.0), (table.GetString(1, "source"), table.GetBoolean(1, "holdout"), table.GetDouble(1, "weight")));
        Assert.Equal(FeatureStatus.Missing, table.GetStatus(0, "embedding"));
    }

    [Fact]
    public async Task An_arrow_spine_gives_the_same_training_set_as_rows_and_the_manifest_records_it_as_in_memory()
    {
        using var repo = await SampleRepo.CreateAsync();
        await using var store = await FeatureStoreSession.OpenAsync(repo.Dir);
        await store.ApplyAsync(RidesDefinitions.Build());
        var oracle = new DriverStatsOracle(repo.Dir);
        var t = oracle.LastEvent.AddHours(-5);
        var labels = Enumerable.Range(0, 50).Select(i => new QuickstartFlowTests.Label(1001 + i, t, i % 2)).ToList();
        var timestamps = new TimestampArray.Builder(new TimestampType(TimeUnit.Microsecond, "UTC"));
        foreach (var label in labels)
        {
            timestamps.Append(label.EventTimestamp);
        }

        var arrow = new RecordBatch.Builder()
            .Append("driver_id", false, new Int64Array.Builder().AppendRange(labels.Select(l => l.DriverId)).Build())
            .Append("event_timestamp", false, timestamps.Build())
            .Append("trip_completed", false, new Int32Array.Builder().AppendRange(labels.Select(l => l.TripCompleted)).Build())
            .Build();

        var fromArrow = await store.GetHistoricalFeatures(Spine.FromArrow(arrow), ["driver_hourly_stats:*"]).ExecuteAsync();
        var fromRows = await store.GetHistoricalFeatures(Spine.FromRows(labels), ["driver_hourly_stats:*"]).ExecuteAsync();
        var manifest = await store.GetHistoricalFeatures(Spine.FromRows(labels), ["driver_hourly_stats:*"]).WriteAsync(repo.PathOf("train.parquet"));
        var verified = await ManifestVerifier.VerifyAsync(repo.PathOf("train.parquet.manifest.json"));

        Assert.Equal(fromRows.Schema.Fields.Select(f => f.Name), fromArrow.Schema.Fields.Select(f => f.Name));
        for (var row = 0; row < labels.Count; row++)
        {
            Assert.Equal(oracle.AsOf(labels[row].DriverId, t), (fromArrow.GetStatus(row, "conv_rate"), fromArrow.IsNull(row, "conv_rate") ? null : (float?)fromArrow.GetDouble(row, "conv_rate")));
            Assert.Equal(fromRows.GetDouble(row, "rating"), fromArrow.GetDouble(row, "rating"));
        }

        Assert.StartsWith("memory:Spine.FromRows<Label>", manifest.Spine.Path, StringComparison.Ordinal);
        Assert.Equal(64, manifest.Spine.Sha256.Length);
        Assert.Empty(verified.Changes);
        Assert.Contains(verified.Notes, n => n.StartsWith("spine memory:Spine.FromRows<Label>: given in memory", StringComparison.Ordinal));
    }
}
