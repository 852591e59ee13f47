namespace FeatureStore.Streaming.Kafka.Decoding;

/// <summary>Turns one Kafka message value into source columns. Never throws for bad input: it returns a failure reason.</summary>
public interface IRecordDecoder
{
    DecodeOutcome Decode(byte[]? value, RecordPosition position, DateTimeOffset? brokerTimestamp);
}
