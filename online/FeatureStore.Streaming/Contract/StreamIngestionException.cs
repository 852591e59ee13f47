namespace FeatureStore.Streaming;

/// <summary>A request the ingestion path cannot serve at all (unknown or non-streamed data source or view); the message names it.</summary>
public sealed class StreamIngestionException(string message, Exception? innerException = null) : Exception(message, innerException);
