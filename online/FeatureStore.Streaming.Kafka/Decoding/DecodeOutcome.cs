namespace FeatureStore.Streaming.Kafka.Decoding;

/// <summary>A decoded record, or the readable reason a message could not be decoded (exactly one of the two is set).</summary>
public readonly record struct DecodeOutcome(DecodedRecord? Record, string? Failure)
{
    public static DecodeOutcome Decoded(DecodedRecord record) => new(record, null);

    public static DecodeOutcome Failed(string reason) => new(null, reason);
}
