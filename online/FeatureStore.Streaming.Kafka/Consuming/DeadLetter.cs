namespace FeatureStore.Streaming.Kafka.Consuming;

/// <summary>A consumed message that goes to the dead-letter topic, why, and the view it failed for (null: none, e.g. undecodable).</summary>
internal sealed record DeadLetter(KafkaMessage Message, string Reason, string? View);
