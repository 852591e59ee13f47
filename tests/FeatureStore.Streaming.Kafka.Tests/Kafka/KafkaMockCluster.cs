using Confluent.Kafka;

namespace FeatureStore.Streaming.Kafka.Tests.Kafka;

/// <summary>
/// librdkafka's mock cluster inside the test process: real Kafka protocol on 127.0.0.1 ports, alive as long as the
/// producer that owns it. Topics are created by asking for their metadata (the mock auto-creates them).
/// </summary>
internal sealed class KafkaMockCluster : IDisposable
{
    private readonly IProducer<byte[]?, byte[]?> owner;

    private KafkaMockCluster(IProducer<byte[]?, byte[]?> owner, string bootstrapServers)
    {
        this.owner = owner;
        BootstrapServers = bootstrapServers;
    }

    public string BootstrapServers { get; }

    /// <summary>Takes broker <paramref name="id"/> (1-based) down or up: connections drop and are refused until it is up again.</summary>
    public void SetBrokerDown(int id, bool down)
    {
        if (down)
        {
            MockBrokerControl.SetDown(owner.Handle, id);
        }
        else
        {
            MockBrokerControl.SetUp(owner.Handle, id);
        }
    }

    public static KafkaMockCluster Start(int brokers = 1)
    {
        var config = new ProducerConfig { BootstrapServers = "", LingerMs = 5 };
        config.Set("test.mock.num.brokers", brokers.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var owner = new ProducerBuilder<byte[]?, byte[]?>(config).SetLogHandler((_, _) => { }).Build();
        using var admin = new DependentAdminClientBuilder(owner.Handle).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
        return new KafkaMockCluster(owner, string.Join(",", metadata.Brokers.Select(b => $"{b.Host}:{b.Port}")));
    }

    /// <summary>Creates <paramref name="topic"/> (auto-created on a metadata request) and returns its partition count.</summary>
    public int EnsureTopic(string topic)
    {
        using var admin = new DependentAdminClientBuilder(owner.Handle).Build();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var found = admin.GetMetadata(topic, TimeSpan.FromSeconds(5)).Topics.FirstOrDefault(t => t.Topic == topic);
            if (found is { Error.Code: ErrorCode.NoError, Partitions.Count: > 0 })
            {
                return found.Partitions.Count;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"mock cluster did not create topic {topic}");
            }

            Thread.Sleep(50);
        }
    }

    public async Task ProduceAsync(string topic, IEnumerable<(byte[]? Key, byte[] Value)> messages)
    {
        var deliveries = messages.Select(m => owner.ProduceAsync(topic, new Message<byte[]?, byte[]?> { Key = m.Key, Value = m.Value })).ToList();
        await Task.WhenAll(deliveries);
    }

    /// <summary>Reads <paramref name="count"/> messages of <paramref name="topic"/> from the start (fails after the timeout).</summary>
    public List<ConsumeResult<byte[]?, byte[]?>> Read(string topic, int count, TimeSpan timeout)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            GroupId = "test-reader-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            SessionTimeoutMs = 6000,
            HeartbeatIntervalMs = 1000,
        };
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).SetLogHandler((_, _) => { }).Build();
        consumer.Subscribe(topic);
        var read = new List<ConsumeResult<byte[]?, byte[]?>>();
        var deadline = DateTime.UtcNow + timeout;
        while (read.Count < count && DateTime.UtcNow < deadline)
        {
            try
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } message)
                {
                    read.Add(message);
                }
            }
            catch (ConsumeException e) when (e.Error.Code == ErrorCode.UnknownTopicOrPart)
            {
                // Not created yet: the worker creates the dead-letter topic with its first dead letter.
            }
        }

        consumer.Close();
        return read;
    }

    /// <summary>The sum over partitions of the offsets <paramref name="group"/> committed on <paramref name="topic"/>.</summary>
    public long Committed(string group, string topic, int partitions)
    {
        var config = new ConsumerConfig { BootstrapServers = BootstrapServers, GroupId = group, EnableAutoCommit = false };
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).SetLogHandler((_, _) => { }).Build();
        var offsets = consumer.Committed(Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)), TimeSpan.FromSeconds(5));
        return offsets.Sum(o => o.Offset.Value < 0 ? 0 : o.Offset.Value);
    }

    public void Dispose() => owner.Dispose();
}
