using System.Globalization;
using System.Text;
using Prometheus;

namespace FeatureStore.Streaming.Tests;

public sealed class MetricsTests
{
    [Fact]
    public async Task A_run_leaves_outcome_counts_offline_rows_latencies_and_watermarks_in_the_registry()
    {
        await using var repo = StreamRepo.Create();
        var metrics = new IngestionMetrics(Metrics.NewCustomRegistry());
        var ingestor = repo.Ingestor(metrics);
        var now = repo.Clock.Now;
        var viaBroker = StreamRepo.Trip(0, 1, now.AddSeconds(-20)) with { BrokerTimestamp = now.AddMilliseconds(-2) };

        await ingestor.IngestAsync("trips",
        [
            viaBroker,                                           // 2 ms from the broker timestamp
            StreamRepo.Trip(1, 2, now.AddSeconds(-3)),           // 3 s from its event time
            StreamRepo.Trip(2, 3, now.AddSeconds(-40)),          // late: 20 s behind the newest
            StreamRepo.Trip(3, 4, now, conv: 5.0),               // rejected
        ]);
        await ingestor.IngestAsync("trips", [StreamRepo.Trip(2, 3, now.AddSeconds(-40))]);   // replayed: not appended again
        metrics.RecordDeadLettered("trips", "driver_stats");
        metrics.SetConsumerLag("trips", 0, 17);

        var text = await Export(metrics);
        Assert.Equal(4, Value(text, "featurestore_ingest_records_total{source=\"trips\",outcome=\"accepted\"}"));
        Assert.Equal(1, Value(text, "featurestore_ingest_records_total{source=\"trips\",outcome=\"rejected\"}"));
        Assert.Equal(2, Value(text, "featurestore_ingest_records_total{source=\"trips\",outcome=\"late\"}"));
        Assert.Equal(3, Value(text, "featurestore_ingest_offline_rows_appended_total{source=\"trips\"}"));
        Assert.Equal(1, Value(text, "featurestore_ingest_dead_lettered_total{source=\"trips\",view=\"driver_stats\"}"));
        Assert.Equal(17, Value(text, "featurestore_ingest_consumer_lag{topic=\"trips\",partition=\"0\"}"));
        Assert.Equal(4, Value(text, "featurestore_ingest_event_to_servable_seconds_count{source=\"trips\"}"));
        Assert.Equal(1, Value(text, "featurestore_ingest_event_to_servable_seconds_bucket{source=\"trips\",le=\"0.0025\"}"));
        Assert.Equal(2, Value(text, "featurestore_ingest_event_to_servable_seconds_bucket{source=\"trips\",le=\"5\"}"));
        Assert.Equal(4, Value(text, "featurestore_ingest_event_to_servable_seconds_bucket{source=\"trips\",le=\"60\"}"));
        Assert.Equal((now.AddSeconds(-13) - DateTimeOffset.UnixEpoch).TotalSeconds,
            Value(text, "featurestore_ingest_watermark_timestamp_seconds{topic=\"trips\",partition=\"0\"}"), precision: 3);
    }

    [Fact]
    public async Task The_store_newest_event_time_that_feeds_the_freshness_gauge_rises_with_streamed_writes()
    {
        await using var repo = StreamRepo.Create();
        var ingestor = repo.Ingestor();

        await ingestor.IngestAsync("trips", [StreamRepo.Trip(0, 1, StreamRepo.T0.AddMinutes(5)), StreamRepo.Trip(1, 2, StreamRepo.T0)]);
        Assert.Equal(StreamRepo.T0.AddMinutes(5), (await repo.Store.GetNewestEventTimestampsAsync(repo.Definitions.Project))[repo.StatsRef]);

        await ingestor.IngestAsync("trips", [StreamRepo.Trip(2, 3, StreamRepo.T0.AddMinutes(9))]);
        Assert.Equal(StreamRepo.T0.AddMinutes(9), (await repo.Store.GetNewestEventTimestampsAsync(repo.Definitions.Project))[repo.StatsRef]);
    }

    private static async Task<string> Export(IngestionMetrics metrics)
    {
        using var stream = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static double Value(string exposition, string series)
    {
        var line = exposition.Split('\n').SingleOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"no series {series} in:\n{exposition}");
        return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }
}
