namespace FeatureStore.Streaming.Kafka.Decoding;

/// <summary>Raised inside a decoder for one bad message; decoders turn it into a <see cref="DecodeOutcome"/> failure.</summary>
internal sealed class DecoderException(string message) : Exception(message);
