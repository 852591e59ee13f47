using FeatureStore.Parquet;

namespace FeatureStore.Streaming.Tests;

public sealed class ReplayTests
{
    /// <summary>50 records of 10 drivers over two event dates (the last 20 after midnight), offsets 0..49 of partition 0.</summary>
    private static List<DecodedRecord> Run() =>
    [
        .. Enumerable.Range(0, 50).Select(i =>
            StreamRepo.Trip(i, i % 10, new DateTimeOffset(2026, 3, 1, 23, 59, 30, TimeSpan.Zero).AddSeconds(i), conv: (i % 7) / 10.0, trips: (long)i)),
    ];

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Redis)]
    public async Task Replaying_records_appends_nothing_new_and_leaves_the_online_state_identical(StoreKind kind)
    {
        await using var repo = StreamRepo.Create(kind);
        var records = Run();
        var first = repo.Ingestor();
        Assert.Equal(30, (await first.IngestAsync("trips", records[..30])).AppendedOffline);
        Assert.Equal(20, (await first.IngestAsync("trips", records[30..])).AppendedOffline);
        var online = await OnlineState(repo);
        var offline = StreamRepo.ReadOffline(repo.TripsDirectory);
        Assert.Equal(50, offline.Count);
        Assert.Equal(["2026-03-01", "2026-03-02"], Directory.GetDirectories(repo.TripsDirectory).Select(Path.GetFileName).Order().Select(d => d![11..]));

        var sameProcess = await first.IngestAsync("trips", records);
        var restarted = await repo.Ingestor().IngestAsync("trips", records);
        Assert.Equal(online, await OnlineState(repo));
        var overlapping = await repo.Ingestor().IngestAsync("trips", [.. records[40..], StreamRepo.Trip(50, 3, StreamRepo.T0.AddDays(1))]);

        Assert.Equal((50, 0), (sameProcess.Accepted, sameProcess.AppendedOffline));
        Assert.Equal(0, restarted.AppendedOffline);
        Assert.Equal(1, overlapping.AppendedOffline);
        Assert.Equal(51, StreamRepo.ReadOffline(repo.TripsDirectory).Count);
    }

    [Fact]
    public async Task A_temp_file_left_by_a_crash_is_ignored_by_readers_and_deleted_by_the_next_ingestor()
    {
        await using var repo = StreamRepo.Create();
        var folder = Path.Combine(repo.TripsDirectory, "event_date=2026-03-01");
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, "stream-trips-p0-0000000000000000000-0000000000000000004.parquet.tmp-0123456789abcdef");
        await File.WriteAllBytesAsync(temp, [1, 2, 3]);
        var otherPartition = Path.Combine(folder, "stream-trips-p1-0000000000000000000-0000000000000000004.parquet.tmp-0123456789abcdef");
        await File.WriteAllBytesAsync(otherPartition, [1, 2, 3]);
        Assert.Empty(ParquetDataset.FindFiles(repo.TripsDirectory));

        var result = await repo.Ingestor().IngestAsync("trips", [.. Enumerable.Range(0, 5).Select(i => StreamRepo.Trip(i, i, StreamRepo.T0))]);

        Assert.Equal(5, result.AppendedOffline);
        Assert.False(File.Exists(temp));
        Assert.True(File.Exists(otherPartition), "only the partitions a call touches are cleaned: another consumer may own the others");
        Assert.Single(ParquetDataset.FindFiles(repo.TripsDirectory));
    }

    [Fact]
    public async Task A_call_whose_renames_did_not_all_happen_is_removed_and_replayed_in_full()
    {
        await using var repo = StreamRepo.Create();
        var records = Run();
        var crashed = repo.Ingestor();
        await crashed.IngestAsync("trips", records[..20]);   // day one only: a complete one-file call
        await crashed.IngestAsync("trips", records[20..]);   // both days
        var callName = "stream-trips-p0-0000000000000000020-0000000000000000049.parquet";
        var dayOne = Path.Combine(repo.TripsDirectory, "event_date=2026-03-01", callName);
        var dayTwo = Path.Combine(repo.TripsDirectory, "event_date=2026-03-02", callName);
        Assert.True(File.Exists(dayOne) && File.Exists(dayTwo));
        // The crash: day one renamed, day two still under its temp name.
        File.Move(dayTwo, dayTwo + ".tmp-0123456789abcdef");
        Assert.Equal(30, StreamRepo.ReadOffline(repo.TripsDirectory).Count);

        // The worker never committed offsets 20..49, so a new process gets them again (maybe batched differently).
        var restarted = repo.Ingestor();
        var replay = await restarted.IngestAsync("trips", records[20..45]);
        var rest = await restarted.IngestAsync("trips", records[45..]);

        Assert.Equal((25, 5), (replay.AppendedOffline, rest.AppendedOffline));
        Assert.False(File.Exists(dayOne));
        Assert.False(File.Exists(dayTwo + ".tmp-0123456789abcdef"));
        var offline = StreamRepo.ReadOffline(repo.TripsDirectory);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), offline.Select(r => (long)(int)r["trips"]!).Order());
    }

    [Fact]
    public async Task Pushed_rows_are_never_skipped_and_each_call_gets_its_own_file()
    {
        await using var repo = StreamRepo.Create();
        DecodedRecord Push(long offset) =>
            new(new RecordPosition("push:typed", 0, offset), new Dictionary<string, object?> { ["driver_id"] = 1L, ["event_timestamp"] = StreamRepo.T0, ["i32"] = (int)offset });

        var first = await repo.Ingestor().IngestAsync("typed", [Push(0), Push(1)]);
        var secondProcess = await repo.Ingestor().IngestAsync("typed", [Push(0), Push(1)]);

        Assert.Equal((2, 2), (first.AppendedOffline, secondProcess.AppendedOffline));
        Assert.Equal(4, StreamRepo.ReadOffline(repo.TypedDirectory).Count);
        var names = ParquetDataset.FindFiles(repo.TypedDirectory).Select(f => Path.GetFileName(f.Path)).ToList();
        Assert.Equal(2, names.Count);
        Assert.All(names, n => Assert.Matches("^stream-push_typed-p0-0000000000000000000-0000000000000000001-[0-9a-f]{32}\\.parquet$", n));
    }

    [Fact]
    public async Task Push_leftovers_are_removed_only_once_old_since_other_processes_may_be_writing_them()
    {
        await using var repo = StreamRepo.Create();
        var folder = Path.Combine(repo.TypedDirectory, "event_date=2026-03-01");
        Directory.CreateDirectory(folder);
        var fresh = Path.Combine(folder, "stream-push_typed-p0-0000000000000000000-0000000000000000001-" + new string('a', 32) + ".parquet.tmp-1");
        var old = Path.Combine(folder, "stream-push_typed-p0-0000000000000000000-0000000000000000001-" + new string('b', 32) + ".parquet.tmp-2");
        await File.WriteAllBytesAsync(fresh, [1]);
        await File.WriteAllBytesAsync(old, [1]);
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddHours(-2));

        await repo.Ingestor().IngestAsync("typed",
            [new DecodedRecord(new RecordPosition("push:typed", 0, 0), new Dictionary<string, object?> { ["driver_id"] = 1L, ["event_timestamp"] = StreamRepo.T0 })]);

        Assert.True(File.Exists(fresh));
        Assert.False(File.Exists(old));
    }

    private static async Task<List<string>> OnlineState(StreamRepo repo)
    {
        var state = new List<string>();
        for (var driver = 0; driver < 10; driver++)
        {
            var row = await repo.ReadStatsAsync(driver);
            state.Add($"{driver}: {row.Found} {row.EventTimestamp:O} {string.Join(",", row.Values.Select(v => v?.ToString() ?? "-"))}");
        }

        return state;
    }
}
