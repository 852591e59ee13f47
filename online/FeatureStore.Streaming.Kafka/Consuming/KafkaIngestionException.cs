namespace FeatureStore.Streaming.Kafka.Consuming;

/// <summary>The worker cannot start or go on: no Kafka-streamed source to read, a bad view selection, or brokers unreachable at start. The message is one line naming what is at fault.</summary>
public sealed class KafkaIngestionException(string message, Exception? innerException = null) : Exception(message, innerException);
