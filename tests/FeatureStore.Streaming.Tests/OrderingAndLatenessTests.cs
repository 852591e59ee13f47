namespace FeatureStore.Streaming.Tests;

public sealed class OrderingAndLatenessTests
{
    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Redis)]
    public async Task Out_of_order_events_leave_the_newest_value_online_whether_in_one_call_or_many(StoreKind kind)
    {
        await using var repo = StreamRepo.Create(kind);
        var ingestor = repo.Ingestor();
        var t = StreamRepo.T0;

        var oneCall = await ingestor.IngestAsync("trips",
            [StreamRepo.Trip(0, 1, t.AddSeconds(10), conv: 0.3), StreamRepo.Trip(1, 1, t, conv: 0.1), StreamRepo.Trip(2, 1, t.AddSeconds(5), conv: 0.2)]);
        Assert.Equal((3, 1, 2), (oneCall.Accepted, oneCall.WrittenOnline, oneCall.SkippedOlder));

        var first = await ingestor.IngestAsync("trips", [StreamRepo.Trip(3, 2, t.AddSeconds(10), conv: 0.9)]);
        var older = await ingestor.IngestAsync("trips", [StreamRepo.Trip(4, 2, t.AddSeconds(2), conv: 0.8)]);
        Assert.Equal((1, 0), (first.WrittenOnline, first.SkippedOlder));
        Assert.Equal((0, 1), (older.WrittenOnline, older.SkippedOlder));

        var one = await repo.ReadStatsAsync(1);
        var two = await repo.ReadStatsAsync(2);
        Assert.Equal((t.AddSeconds(10), 0.3), (one.EventTimestamp, one.Values[0]!.Value.AsFloat64()));
        Assert.Equal((t.AddSeconds(10), 0.9), (two.EventTimestamp, two.Values[0]!.Value.AsFloat64()));
        Assert.Equal(5, StreamRepo.ReadOffline(repo.TripsDirectory).Count);
    }

    [Fact]
    public async Task Records_behind_the_partition_watermark_count_as_late_and_are_still_applied_and_appended()
    {
        await using var repo = StreamRepo.Create();
        var ingestor = repo.Ingestor();
        var t = StreamRepo.T0;

        var result = await ingestor.IngestAsync("trips",
        [
            StreamRepo.Trip(0, 1, t.AddSeconds(60)),
            StreamRepo.Trip(1, 2, t.AddSeconds(50)),             // exactly at the watermark (60 s - 10 s): on time
            StreamRepo.Trip(2, 3, t.AddSeconds(40), conv: 0.7),  // 20 s behind: late, but newest for driver 3
            StreamRepo.Trip(0, 4, t, partition: 1),              // another partition has its own watermark
        ]);

        Assert.Equal((4, 1, 4), (result.Accepted, result.Late, result.WrittenOnline));
        Assert.Equal(4, result.AppendedOffline);
        Assert.Equal(0.7, (await repo.ReadStatsAsync(3)).Values[0]!.Value.AsFloat64());
        Assert.Equal(t.AddSeconds(50), ingestor.Watermark("trips", "trips", 0));
        Assert.Equal(t.AddSeconds(-10), ingestor.Watermark("trips", "trips", 1));
        Assert.Null(ingestor.Watermark("trips", "trips", 2));

        var later = await ingestor.IngestAsync("trips", [StreamRepo.Trip(3, 5, t.AddSeconds(45))]);
        Assert.Equal(1, later.Late);
    }

    [Fact]
    public async Task Push_sources_use_the_default_allowed_lateness()
    {
        await using var repo = StreamRepo.Create();
        var ingestor = repo.Ingestor();
        DecodedRecord Push(long offset, DateTimeOffset time) =>
            new(new RecordPosition("push:typed", 0, offset), new Dictionary<string, object?> { ["driver_id"] = offset, ["event_timestamp"] = time });

        var result = await ingestor.IngestAsync("typed", [Push(1, StreamRepo.T0.AddSeconds(30)), Push(2, StreamRepo.T0.AddSeconds(21)), Push(3, StreamRepo.T0.AddSeconds(19))]);

        Assert.Equal(1, result.Late);
    }
}
