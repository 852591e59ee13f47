using System.Text;
using FeatureStore.Streaming.Kafka.Tests.Kafka;

namespace FeatureStore.Streaming.Kafka.Tests.Ingest;

public sealed class KafkaIngestTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 5, 10, 0, 0, TimeSpan.Zero);

    private static string Json(long? driver, DateTimeOffset ts, string convRate, long trips) =>
        "{" + (driver is { } d ? $"\"drv\": {d}, " : "") + $"\"ts\": \"{ts:yyyy-MM-ddTHH:mm:ss.fffZ}\", \"conv_rate\": {convRate}, \"trips\": {trips}" + "}";

    [Fact]
    public async Task A_kcat_produced_event_is_served_online_within_seconds_and_appended_offline()
    {
        using var cluster = KafkaMockCluster.Start();
        using var repo = await KafkaRepo.CreateAsync(cluster.BootstrapServers);
        cluster.EnsureTopic(repo.Topic);
        cluster.EnsureTopic(repo.ProtobufTopic);
        await using var worker = await InProcessWorker.StartAsync(repo);

        await Kcat.ProduceAsync(cluster.BootstrapServers, repo.Topic, [Json(7, T0, "0.5", 3)]);
        var table = await worker.WaitOnlineAsync("driver_live:trips", 7, t => !t.IsNull(0, "trips"));

        Assert.Equal(3, table.GetInt64(0, "trips"));
        Assert.Equal(T0, table.GetEventTimestamp(0, "trips"));
        await worker.WaitCommittedAsync(1);
        Assert.Equal([(7L, T0.UtcDateTime, (double?)0.5, (long?)3)], repo.AppendedTrips());
    }

    [Fact]
    public async Task Out_of_order_events_leave_the_newest_online_and_all_of_them_offline()
    {
        using var cluster = KafkaMockCluster.Start();
        using var repo = await KafkaRepo.CreateAsync(cluster.BootstrapServers);
        cluster.EnsureTopic(repo.Topic);
        cluster.EnsureTopic(repo.ProtobufTopic);
        await using var worker = await InProcessWorker.StartAsync(repo);

        // One key, so one partition and this arrival order: newest first, then two older ones.
        await Kcat.ProduceAsync(cluster.BootstrapServers, repo.Topic,
            [$"5|{Json(5, T0.AddMinutes(3), "0.3", 3)}", $"5|{Json(5, T0.AddMinutes(1), "0.1", 1)}", $"5|{Json(5, T0.AddMinutes(2), "0.2", 2)}"], keyDelimiter: "|");
        await worker.WaitCommittedAsync(3);

        var table = await worker.WaitOnlineAsync("driver_live:trips", 5, t => !t.IsNull(0, "trips"));
        Assert.Equal(3, table.GetInt64(0, "trips"));
        Assert.Equal(T0.AddMinutes(3), table.GetEventTimestamp(0, "trips"));
        Assert.Equal([1L, 2L, 3L], repo.AppendedTrips().Select(r => r.Trips!.Value));
    }

    [Fact]
    public async Task Bad_records_go_to_the_dead_letter_topic_with_a_readable_reason_while_good_records_flow()
    {
        using var cluster = KafkaMockCluster.Start();
        using var repo = await KafkaRepo.CreateAsync(cluster.BootstrapServers);
        cluster.EnsureTopic(repo.Topic);
        cluster.EnsureTopic(repo.ProtobufTopic);
        await using var worker = await InProcessWorker.StartAsync(repo);

        string[] lines =
        [
            Json(1, T0, "0.1", 1),
            """{"drv": 2, "ts": "2026-11-05T10:00:00Z", "conv_rate": 0.2,, "trips": 2}""",
            Json(3, T0, "\"abc\"", 3),
            Json(null, T0, "0.4", 4),
            Json(5, T0, "5.0", 5),
            Json(6, T0, "0.6", 6),
        ];
        // One key: one partition, so source offsets follow the line order.
        await Kcat.ProduceAsync(cluster.BootstrapServers, repo.Topic, lines.Select(l => "k|" + l), keyDelimiter: "|");

        var dead = cluster.Read(repo.Topic + ".dlq", 4, TimeSpan.FromSeconds(20));
        Assert.True(dead.Count == 4, $"{dead.Count} dead letters; reports:\n{worker.Reports}");
        var byOffset = dead.ToDictionary(m => long.Parse(Header(m, "source_offset"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal([1L, 2L, 3L, 4L], byOffset.Keys.Order());
        Assert.All(dead, m => Assert.Equal(repo.Topic, Header(m, "source_topic")));
        Assert.All(dead, m => Assert.Equal(Encoding.UTF8.GetString(m.Message.Value!), lines[(int)long.Parse(Header(m, "source_offset"), System.Globalization.CultureInfo.InvariantCulture)]));
        Assert.StartsWith("malformed JSON at byte ", Header(byOffset[1], "reason"), StringComparison.Ordinal);
        Assert.Contains("conv_rate", Header(byOffset[2], "reason"), StringComparison.Ordinal);
        Assert.Contains("abc", Header(byOffset[2], "reason"), StringComparison.Ordinal);
        Assert.Contains("driver_id", Header(byOffset[3], "reason"), StringComparison.Ordinal);
        Assert.Contains("conv_rate", Header(byOffset[4], "reason"), StringComparison.Ordinal);
        Assert.Equal("driver_live", Header(byOffset[4], "view"));

        var good = await worker.WaitOnlineAsync("driver_live:trips", 6, t => !t.IsNull(0, "trips"));
        Assert.Equal(6, good.GetInt64(0, "trips"));
        await worker.WaitOnlineAsync("driver_live:trips", 1, t => !t.IsNull(0, "trips"));
        await worker.WaitCommittedAsync(6);
        Assert.Equal(4, worker.Worker!.Status.Read().DeadLettered);
        Assert.Equal([1L, 6L], repo.AppendedTrips().Select(r => r.DriverId));
    }

    private static string Header(Confluent.Kafka.ConsumeResult<byte[]?, byte[]?> message, string name) =>
        message.Message.Headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : throw new Xunit.Sdk.XunitException($"no header {name}");
}
