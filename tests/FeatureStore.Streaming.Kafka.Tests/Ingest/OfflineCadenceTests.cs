using System.Globalization;
using System.Text;
using FeatureStore.Parquet;
using FeatureStore.Streaming.Kafka.Consuming;
using FeatureStore.Streaming.Kafka.Tests.Kafka;

namespace FeatureStore.Streaming.Kafka.Tests.Ingest;

/// <summary>
/// The worker's two cadences: every micro-batch is served online at once, while a partition's records are appended
/// offline as one file by rows, by age or on stop, and its offsets are committed only after that append.
/// </summary>
public sealed class OfflineCadenceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 5, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Events <paramref name="from"/>.. of driver <c>i % drivers</c>, all with one key so they share a partition when <paramref name="oneKey"/>.</summary>
    private static List<(byte[]? Key, byte[] Value)> Events(int from, int count, int drivers = 1000, bool oneKey = true) =>
    [
        .. Enumerable.Range(from, count).Select(i => (
            oneKey ? Encoding.UTF8.GetBytes("k") : Encoding.UTF8.GetBytes((i % drivers).ToString(CultureInfo.InvariantCulture)),
            Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                $"{{\"drv\": {i % drivers}, \"ts\": {T0.AddSeconds(i).ToUnixTimeMilliseconds()}, \"conv_rate\": 0.5, \"trips\": {i}}}")))),
    ];

    private static List<string> Files(KafkaRepo repo) =>
        [.. ParquetDataset.FindFiles(repo.TripsFolder).Select(f => Path.GetFileName(f.Path)).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task A_partition_is_appended_as_one_file_once_its_buffer_reaches_the_row_limit_and_the_rest_on_stop()
    {
        using var cluster = KafkaMockCluster.Start();
        using var repo = await KafkaRepo.CreateAsync(cluster.BootstrapServers);
        var partitions = cluster.EnsureTopic(repo.Topic);
        cluster.EnsureTopic(repo.ProtobufTopic);
        await using var worker = await InProcessWorker.StartAsync(repo,
            new KafkaIngestionOptions { BatchSize = 10, OfflineFlushRows = 100, OfflineFlushInterval = TimeSpan.FromMinutes(10) });

        await cluster.ProduceAsync(repo.Topic, Events(0, 100));
        await worker.WaitCommittedAsync(100);
        Assert.Single(Files(repo));
        Assert.Equal(100, cluster.Committed(repo.Group, repo.Topic, partitions));

        await cluster.ProduceAsync(repo.Topic, Events(100, 50));
        await worker.WaitConsumedAsync(150);
        await worker.WaitOnlineAsync("driver_live:trips", 149, t => !t.IsNull(0, "trips"));
        await Task.Delay(500);
        Assert.Equal((100L, 50L), (worker.Worker!.Status.Read().Committed, worker.Worker.Status.Read().Buffered));
        Assert.Equal(100, cluster.Committed(repo.Group, repo.Topic, partitions));
        Assert.Equal(100, repo.AppendedTrips().Count);

        await worker.StopAsync();

        Assert.Equal(150, cluster.Committed(repo.Group, repo.Topic, partitions));
        Assert.Equal(Enumerable.Range(0, 150).Select(i => (long)i), repo.AppendedTrips().Select(r => r.Trips!.Value));
        var files = Files(repo);
        Assert.Equal(2, files.Count);
        Assert.EndsWith($"-{0:D19}-{99:D19}.parquet", files[0], StringComparison.Ordinal);
        Assert.EndsWith($"-{100:D19}-{149:D19}.parquet", files[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partition_is_appended_once_its_oldest_record_is_the_flush_interval_old_and_dead_letters_are_committed_with_it()
    {
        using var cluster = KafkaMockCluster.Start();
        using var repo = await KafkaRepo.CreateAsync(cluster.BootstrapServers);
        var partitions = cluster.EnsureTopic(repo.Topic);
        cluster.EnsureTopic(repo.ProtobufTopic);
        await using var worker = await InProcessWorker.StartAsync(repo,
            new KafkaIngestionOptions { OfflineFlushRows = 1_000_000, OfflineFlushInterval = TimeSpan.FromSeconds(3) });

        await cluster.ProduceAsync(repo.Topic, [.. Events(0, 5), (Encoding.UTF8.GetBytes("k"), Encoding.UTF8.GetBytes("{not json"))]);
        await worker.WaitConsumedAsync(6);
        var servedAt = DateTime.UtcNow;
        Assert.Equal(0, cluster.Committed(repo.Group, repo.Topic, partitions));
        Assert.Empty(Files(repo));

        await worker.WaitCommittedAsync(6);

        Assert.True(DateTime.UtcNow - servedAt < TimeSpan.FromSeconds(10), "appended long after the interval");
        Assert.Single(Files(repo));
        Assert.Equal(5, repo.AppendedTrips().Count);
        Assert.Equal(6, cluster.Committed(repo.Group, repo.Topic, partitions));
        Assert.Single(cluster.Read(repo.Topic + ".dlq", 1, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Offsets_wait_for_the_offline_append_so_a_worker_killed_before_it_is_replayed_without_loss_or_duplicates()
    {
        const int Drivers = 30;
        const int Count = 300;
        using var cluster = KafkaMockCluster.Start();
        using var repo = await KafkaRepo.CreateAsync(cluster.BootstrapServers);
        var partitions = cluster.EnsureTopic(repo.Topic);
        cluster.EnsureTopic(repo.ProtobufTopic);
        await cluster.ProduceAsync(repo.Topic, Events(0, Count, Drivers, oneKey: false));

        using (var killed = CliIngest.Start(repo.Dir, "--offline-flush-ms", "600000"))
        {
            var errors = killed.StandardError.ReadToEndAsync();
            _ = killed.StandardOutput.ReadToEndAsync();
            await using var session = await FeatureStore.Sdk.FeatureStoreSession.OpenAsync(repo.Dir);
            var drivers = Enumerable.Range(0, Drivers).Select(d => (long)d).ToArray();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (true)
            {
                var table = await session.GetOnlineFeaturesAsync(FeatureStore.Client.OnlineFeatureQuery.ForFeatures("driver_live:trips").WithEntities("driver_id", drivers));
                if (Enumerable.Range(0, Drivers).All(r => !table.IsNull(r, "trips") && table.GetInt64(r, "trips") >= Count - Drivers))
                {
                    break;
                }

                Assert.False(killed.HasExited, $"ingest exited early: {(killed.HasExited ? await errors : "")}");
                Assert.True(DateTime.UtcNow < deadline, "the last event of every driver not served within 30 s");
                await Task.Delay(50);
            }

            Assert.Equal(0, cluster.Committed(repo.Group, repo.Topic, partitions));
            Assert.Empty(Files(repo));
            killed.Kill();
            await killed.WaitForExitAsync();
        }

        using (var restarted = CliIngest.Start(repo.Dir, "--offline-flush-ms", "200"))
        {
            var errors = restarted.StandardError.ReadToEndAsync();
            _ = restarted.StandardOutput.ReadToEndAsync();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (cluster.Committed(repo.Group, repo.Topic, partitions) < Count)
            {
                Assert.False(restarted.HasExited, $"ingest exited early: {(restarted.HasExited ? await errors : "")}");
                Assert.True(DateTime.UtcNow < deadline, "the restarted worker did not commit every event within 30 s");
                await Task.Delay(50);
            }

            restarted.Kill();
            await restarted.WaitForExitAsync();
        }

        var rows = repo.AppendedTrips();
        Assert.Equal(Enumerable.Range(0, Count).Select(i => (long)i), rows.Select(r => r.Trips!.Value).Order());
        await using var check = await FeatureStore.Sdk.FeatureStoreSession.OpenAsync(repo.Dir);
        var served = await check.GetOnlineFeaturesAsync(FeatureStore.Client.OnlineFeatureQuery.ForFeatures("driver_live:trips")
            .WithEntities("driver_id", [.. Enumerable.Range(0, Drivers).Select(d => (long)d)]));
        Assert.Equal(Enumerable.Range(0, Drivers).Select(d => (long)(Count - Drivers + d)), Enumerable.Range(0, Drivers).Select(r => served.GetInt64(r, "trips")));
    }
}
