using Confluent.Kafka;

namespace FeatureStore.Streaming.Kafka.Consuming;

/// <summary>
/// The consumer and dead-letter producer of one source. The consumer joins the source's consumer group, starts from the
/// earliest offset when the group has none, and commits only by hand (once records are durable online and offline). librdkafka's own log
/// lines are dropped: broker trouble reaches the <see cref="Reporter"/> through the error callback.
/// </summary>
internal static class KafkaClients
{
    /// <summary>
    /// The source's consumer. <paramref name="assigned"/>, <paramref name="revoked"/> (partitions given up in a rebalance,
    /// still owned during the call: their buffers can be flushed and committed) and <paramref name="lost"/> (already owned
    /// by another member) run on the thread that calls Consume.
    /// </summary>
    public static IConsumer<byte[]?, byte[]?> Consumer(
        KafkaSource source, Reporter reporter, Action<List<TopicPartition>> assigned, Action<List<TopicPartition>> revoked, Action<List<TopicPartition>> lost)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = source.Stream.BootstrapServers,
            GroupId = source.Stream.ConsumerGroup,
            ClientId = "featurestore-ingest",
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            // A restarted worker gets its partitions back within seconds instead of waiting out the default 45 s session.
            SessionTimeoutMs = 6000,
            HeartbeatIntervalMs = 1000,
            // A subscribed topic created after the start is noticed within seconds.
            TopicMetadataRefreshIntervalMs = 5000,
            // Event-to-servable latency: the longest a broker holds a fetch that finds no new data (default 500 ms). Kafka
            // answers as soon as data arrives; brokers that wait the time out (librdkafka's mock cluster) add it to events.
            FetchWaitMaxMs = 10,
        };
        return new ConsumerBuilder<byte[]?, byte[]?>(config)
            .SetLogHandler((_, _) => { })
            .SetErrorHandler((_, error) => Report(reporter, source, error))
            .SetPartitionsAssignedHandler((_, partitions) => assigned(partitions))
            .SetPartitionsRevokedHandler((_, partitions) => revoked([.. partitions.Select(p => p.TopicPartition)]))
            .SetPartitionsLostHandler((_, partitions) => lost([.. partitions.Select(p => p.TopicPartition)]))
            .Build();
    }

    public static IProducer<byte[]?, byte[]?> DeadLetterProducer(KafkaSource source, Reporter reporter)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = source.Stream.BootstrapServers,
            ClientId = "featurestore-ingest-dlq",
            Acks = Acks.All,
            LingerMs = 5,
            MessageTimeoutMs = 30_000,
        };
        return new ProducerBuilder<byte[]?, byte[]?>(config)
            .SetLogHandler((_, _) => { })
            .SetErrorHandler((_, error) => Report(reporter, source, error))
            .Build();
    }

    private static void Report(Reporter reporter, KafkaSource source, Error error)
    {
        // Single broker disconnects are routine (idle connections); every broker down is worth a line.
        if (error.IsFatal || error.Code is ErrorCode.Local_AllBrokersDown or ErrorCode.Local_Resolve or ErrorCode.Local_Authentication)
        {
            reporter.Trouble($"Kafka at {source.Stream.BootstrapServers}: {Retry.OneLine(error.Reason)}; retrying");
        }
    }
}
