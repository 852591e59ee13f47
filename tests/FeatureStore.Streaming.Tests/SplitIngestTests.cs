using System.Globalization;
using System.Text;
using FeatureStore.Parquet;
using Prometheus;

namespace FeatureStore.Streaming.Tests;

/// <summary>The two halves of <see cref="StreamIngestor.IngestAsync"/> the Kafka worker uses: WriteOnlineAsync now, AppendOffline later.</summary>
public sealed class SplitIngestTests
{
    [Fact]
    public async Task Written_online_records_are_servable_before_any_append_and_each_appended_row_keeps_its_own_ingestion_time()
    {
        await using var repo = StreamRepo.Create();
        var ingestor = repo.Ingestor();
        var firstAt = StreamRepo.T0.AddMinutes(1);
        var secondAt = StreamRepo.T0.AddMinutes(2);

        repo.Clock.Now = firstAt;
        var first = await ingestor.WriteOnlineAsync("trips", [StreamRepo.Trip(0, 1, StreamRepo.T0), StreamRepo.Trip(1, 2, StreamRepo.T0)]);
        repo.Clock.Now = secondAt;
        var second = await ingestor.WriteOnlineAsync("trips", [StreamRepo.Trip(2, 3, StreamRepo.T0, conv: 7.0), StreamRepo.Trip(3, 3, StreamRepo.T0.AddSeconds(1))]);

        Assert.True((await repo.ReadStatsAsync(1)).Found);
        Assert.True((await repo.ReadStatsAsync(3)).Found);
        Assert.Empty(StreamRepo.ReadOffline(repo.TripsDirectory));
        Assert.Equal((2, 2), (first.Accepted.Count, first.WrittenOnline));
        Assert.Equal([3L], second.Accepted.Select(r => r.Position.Offset));
        Assert.Equal(2, Assert.Single(second.Rejected).Position.Offset);
        Assert.All(first.Accepted, r => Assert.Equal(firstAt, r.IngestedAt));

        repo.Clock.Now = StreamRepo.T0.AddMinutes(9);
        var buffer = new OfflineBuffer();
        buffer.AddRange([.. first.Accepted, .. second.Accepted]);
        var appended = ingestor.AppendOffline("trips", buffer);

        Assert.Equal(3, appended);
        var file = Assert.Single(ParquetDataset.FindFiles(repo.TripsDirectory));
        Assert.Equal("stream-trips-p0-0000000000000000000-0000000000000000003.parquet", Path.GetFileName(file.Path));
        var created = StreamRepo.ReadOffline(repo.TripsDirectory).ToDictionary(r => (long)r["driver_id"]!, r => (long)r["ingested_at"]!);
        Assert.Equal(Micros(firstAt), created[1]);
        Assert.Equal(Micros(firstAt), created[2]);
        Assert.Equal(Micros(secondAt), created[3]);
    }

    [Fact]
    public async Task Appending_the_same_records_again_or_from_a_restarted_ingestor_adds_nothing()
    {
        await using var repo = StreamRepo.Create();
        var ingestor = repo.Ingestor();
        var online = await ingestor.WriteOnlineAsync("trips", [.. Enumerable.Range(0, 10).Select(i => StreamRepo.Trip(i, i, StreamRepo.T0))]);
        Assert.Equal(6, ingestor.AppendOffline("trips", Buffer(online.Accepted.Take(6))));

        var again = ingestor.AppendOffline("trips", Buffer(online.Accepted));
        var restarted = repo.Ingestor();
        var replayed = await restarted.WriteOnlineAsync("trips", [.. Enumerable.Range(0, 10).Select(i => StreamRepo.Trip(i, i, StreamRepo.T0))]);
        var afterRestart = restarted.AppendOffline("trips", Buffer(replayed.Accepted));

        Assert.Equal((4, 0), (again, afterRestart));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), StreamRepo.ReadOffline(repo.TripsDirectory).Select(r => (long)r["driver_id"]!).Order());
    }

    [Fact]
    public async Task Outcomes_and_latencies_are_counted_at_the_online_write_and_offline_rows_at_the_append()
    {
        await using var repo = StreamRepo.Create();
        var seen = new List<TimeSpan>();
        var metrics = new IngestionMetrics(Metrics.NewCustomRegistry()) { LatencyObserver = seen.Add };
        var ingestor = repo.Ingestor(metrics);
        var now = repo.Clock.Now;

        var online = await ingestor.WriteOnlineAsync("trips", [StreamRepo.Trip(0, 1, now.AddMilliseconds(-120)), StreamRepo.Trip(1, 2, now, conv: 3.0)]);
        var beforeAppend = await Export(metrics);
        ingestor.AppendOffline("trips", Buffer(online.Accepted));
        var afterAppend = await Export(metrics);

        Assert.Equal(1, Value(beforeAppend, "featurestore_ingest_records_total{source=\"trips\",outcome=\"accepted\"}"));
        Assert.Equal(1, Value(beforeAppend, "featurestore_ingest_records_total{source=\"trips\",outcome=\"rejected\"}"));
        Assert.DoesNotContain("featurestore_ingest_offline_rows_appended_total{", beforeAppend, StringComparison.Ordinal);
        Assert.Equal(1, Value(afterAppend, "featurestore_ingest_offline_rows_appended_total{source=\"trips\"}"));
        Assert.Equal([TimeSpan.FromMilliseconds(120)], seen);
        Assert.Equal(0, Value(afterAppend, "featurestore_ingest_event_to_servable_seconds_bucket{source=\"trips\",le=\"0.1\"}"));
        Assert.Equal(1, Value(afterAppend, "featurestore_ingest_event_to_servable_seconds_bucket{source=\"trips\",le=\"0.15\"}"));
    }

    [Fact]
    public async Task Appending_records_accepted_for_another_source_is_refused_naming_both()
    {
        await using var repo = StreamRepo.Create();
        var ingestor = repo.Ingestor();
        var online = await ingestor.WriteOnlineAsync("trips", [StreamRepo.Trip(0, 1, StreamRepo.T0)]);

        var error = Assert.Throws<ArgumentException>(() => ingestor.AppendOffline("typed", Buffer(online.Accepted)));

        Assert.Contains("'trips'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'typed'", error.Message, StringComparison.Ordinal);
        Assert.Empty(StreamRepo.ReadOffline(repo.TypedDirectory));
    }

    [Fact]
    public async Task A_buffer_holds_one_partition_and_appends_out_of_order_or_repeated_offsets_once_each()
    {
        await using var repo = StreamRepo.Create();
        var ingestor = repo.Ingestor();
        var online = await ingestor.WriteOnlineAsync("trips",
            [StreamRepo.Trip(5, 1, StreamRepo.T0), StreamRepo.Trip(3, 2, StreamRepo.T0), StreamRepo.Trip(5, 1, StreamRepo.T0), StreamRepo.Trip(4, 3, StreamRepo.T0, partition: 1)]);

        var buffer = new OfflineBuffer();
        buffer.AddRange(online.Accepted.Take(3));
        var error = Assert.Throws<ArgumentException>(() => buffer.Add(online.Accepted[3]));

        Assert.Contains("trips[1]@4", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, ingestor.AppendOffline("trips", buffer));
        var file = Assert.Single(ParquetDataset.FindFiles(repo.TripsDirectory));
        Assert.EndsWith("-p0-0000000000000000003-0000000000000000005.parquet", file.Path, StringComparison.Ordinal);
        Assert.Equal([1L, 2L], StreamRepo.ReadOffline(repo.TripsDirectory).Select(r => (long)r["driver_id"]!));
    }

    private static OfflineBuffer Buffer(IEnumerable<AcceptedRecord> records)
    {
        var buffer = new OfflineBuffer();
        buffer.AddRange(records);
        return buffer;
    }

    private static long Micros(DateTimeOffset value) => (value - DateTimeOffset.UnixEpoch).Ticks / 10;

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
