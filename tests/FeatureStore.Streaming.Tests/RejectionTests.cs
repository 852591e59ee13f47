namespace FeatureStore.Streaming.Tests;

public sealed class RejectionTests
{
    public static TheoryData<string, string?, string> Cases => new()
    {
        { "missing key", "driver_stats", "view driver_stats: missing join key driver_id" },
        { "key type", "driver_stats", "view driver_stats: join key driver_id: expected int64, got \"abc\"" },
        { "feature type", "driver_stats", "view driver_stats: field conv: expected float64, got \"abc\"" },
        { "int overflow", "driver_stats", "view driver_stats: field trips: 3000000000 is out of int32 range" },
        { "fraction for int", "driver_stats", "view driver_stats: field trips: expected int32, got 2.5" },
        { "missing event time", null, "missing event time field event_timestamp" },
        { "bad event time", null, "field event_timestamp: expected a timestamp (RFC 3339 text, epoch milliseconds or a date-time), got \"yesterday\"" },
        { "max", "driver_stats", "view driver_stats: quality rule conv_rate max 1: 1.7" },
        { "min", "driver_stats", "view driver_stats: quality rule conv_rate min 0: -0.5" },
        { "not null", "driver_stats", "view driver_stats: quality rule conv_rate not_null: null" },
        { "allowed", "driver_stats", "view driver_stats: quality rule city allowed [berlin, paris]: rome" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_record_is_rejected_with_a_readable_reason_and_written_nowhere_while_good_ones_flow(string fault, string? view, string reason)
    {
        await using var repo = StreamRepo.Create();
        var ingestor = repo.Ingestor();
        var good = StreamRepo.Trip(0, 1, StreamRepo.T0);
        var bad = Break(StreamRepo.Trip(1, 2, StreamRepo.T0), fault);

        Assert.Equal([new RejectedRecord(bad.Position, view, reason)], ingestor.Validate("trips", [good, bad]));
        Assert.False((await repo.ReadStatsAsync(1)).Found);
        Assert.Empty(StreamRepo.ReadOffline(repo.TripsDirectory));

        var result = await ingestor.IngestAsync("trips", [good, bad]);

        Assert.Equal([new RejectedRecord(bad.Position, view, reason)], result.Rejected);
        Assert.Equal((1, 1, 1), (result.Accepted, result.WrittenOnline, result.AppendedOffline));
        Assert.True((await repo.ReadStatsAsync(1)).Found);
        Assert.False((await repo.ReadStatsAsync(2)).Found);
        Assert.Equal([1L], StreamRepo.ReadOffline(repo.TripsDirectory).Select(r => r["driver_id"]));
    }

    [Fact]
    public async Task A_column_only_an_offline_view_reads_is_still_type_checked_for_the_append()
    {
        await using var repo = StreamRepo.Create(change: d => d with
        {
            FeatureViews = [.. d.FeatureViews.Select(v => v.Name == "driver_history"
                ? v with { Features = [new Registry.Model.FeatureDefinition("km", Registry.Model.FeatureType.Float64)] }
                : v)],
        });
        var record = StreamRepo.Trip(0, 1, StreamRepo.T0);
        var columns = new Dictionary<string, object?>(record.Columns) { ["km"] = "far" };

        var rejected = repo.Ingestor().Validate("trips", [record with { Columns = columns }]);

        Assert.Equal("view driver_history: field km: expected float64, got \"far\"", Assert.Single(rejected).Reason);
    }

    private static DecodedRecord Break(DecodedRecord record, string fault)
    {
        var columns = new Dictionary<string, object?>(record.Columns);
        switch (fault)
        {
            case "missing key": columns.Remove("driver_id"); break;
            case "key type": columns["driver_id"] = "abc"; break;
            case "feature type": columns["conv"] = "abc"; break;
            case "int overflow": columns["trips"] = 3_000_000_000L; break;
            case "fraction for int": columns["trips"] = 2.5; break;
            case "missing event time": columns.Remove("event_timestamp"); break;
            case "bad event time": columns["event_timestamp"] = "yesterday"; break;
            case "max": columns["conv"] = 1.7; break;
            case "min": columns["conv"] = -0.5; break;
            case "not null": columns["conv"] = null; break;
            case "allowed": columns["city"] = "rome"; break;
            default: throw new ArgumentOutOfRangeException(nameof(fault), fault, null);
        }

        return record with { Columns = columns };
    }
}
