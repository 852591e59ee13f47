using System.Globalization;
using System.Text;
using FeatureStore.Streaming.Kafka.Tests.Kafka;

namespace FeatureStore.Streaming.Kafka.Tests.Ingest;

public sealed class BrokerOutageTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 5, 10, 0, 0, TimeSpan.Zero);

    private static IEnumerable<(byte[]? Key, byte[] Value)> Events(int from, int count) => Enumerable.Range(from, count).Select(i =>
        ((byte[]?)null, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{{\"drv\": {i}, \"ts\": {T0.AddSeconds(i).ToUnixTimeMilliseconds()}, \"conv_rate\": 0.5, \"trips\": {i}}}"))));

    [Fact]
    public async Task A_broker_lost_mid_run_is_reported_and_ingestion_resumes_without_loss()
    {
        using var cluster = KafkaMockCluster.Start();
        using var repo = await KafkaRepo.CreateAsync(cluster.BootstrapServers);
        cluster.EnsureTopic(repo.Topic);
        cluster.EnsureTopic(repo.ProtobufTopic);
        await using var worker = await InProcessWorker.StartAsync(repo);
        await cluster.ProduceAsync(repo.Topic, Events(0, 200));
        await worker.WaitConsumedAsync(200);

        cluster.SetBrokerDown(1, down: true);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!worker.Reports.Contains("warning:", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "no warning within 20 s of the broker going down");
            await Task.Delay(100);
        }

        cluster.SetBrokerDown(1, down: false);
        await cluster.ProduceAsync(repo.Topic, Events(200, 200));
        await worker.WaitCommittedAsync(400);

        Assert.Equal(Enumerable.Range(0, 400).Select(i => (long)i), repo.AppendedTrips().Select(r => r.DriverId));
        Assert.Contains("recovered", worker.Reports, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_consumer_whose_group_membership_expired_during_an_outage_rejoins_and_commits_without_loss()
    {
        using var cluster = KafkaMockCluster.Start();
        using var repo = await KafkaRepo.CreateAsync(cluster.BootstrapServers);
        var partitions = cluster.EnsureTopic(repo.Topic);
        cluster.EnsureTopic(repo.ProtobufTopic);
        await using var worker = await InProcessWorker.StartAsync(repo);
        await cluster.ProduceAsync(repo.Topic, Events(0, 200));
        await worker.WaitConsumedAsync(200);

        // Longer than the consumer's 6 s session: the coordinator forgets the member, and its next commit is refused.
        cluster.SetBrokerDown(1, down: true);
        await Task.Delay(TimeSpan.FromSeconds(9));
        cluster.SetBrokerDown(1, down: false);
        await cluster.ProduceAsync(repo.Topic, Events(200, 200));
        await worker.WaitCommittedAsync(400);

        Assert.Equal(400, cluster.Committed(repo.Group, repo.Topic, partitions));
        Assert.Equal(Enumerable.Range(0, 400).Select(i => (long)i), repo.AppendedTrips().Select(r => r.DriverId));
    }
}
