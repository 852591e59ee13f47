using FeatureStore.Registry.Model;

namespace FeatureStore.Streaming.Kafka.Decoding;

/// <summary>Picks the decoder of a Kafka-streamed data source by its message format.</summary>
public static class RecordDecoders
{
    /// <exception cref="ArgumentException">The source has no Kafka stream, or its Protobuf field numbers are not numbers.</exception>
    public static IRecordDecoder For(DataSourceDefinition source, RegistryDefinitions definitions)
    {
        ArgumentNullException.ThrowIfNull(source);
        var stream = source.Stream?.Kafka ?? throw new ArgumentException($"data source '{source.Name}' has no kafka stream", nameof(source));
        var types = SourceColumnTypes.Of(source, definitions);
        return stream.Format switch
        {
            StreamMessageFormat.Json => new JsonRecordDecoder(source, stream, types),
            StreamMessageFormat.Protobuf => new ProtobufRecordDecoder(source, stream, types),
            _ => throw new ArgumentException($"data source '{source.Name}': unknown stream format {stream.Format}", nameof(source)),
        };
    }
}
