using System.Runtime.CompilerServices;

namespace FeatureStore.Serving.Features;

/// <summary>
/// One length-delimited protobuf field (tag, length, body) encoded once into an inline buffer, for a field written many
/// times over: a row's event time repeats in the vector of every feature of its view (5,000 times in a 100-entity x
/// 50-feature reply).
/// </summary>
internal readonly struct EncodedField
{
    // Tag and length (1 byte each) plus a Timestamp body: seconds (tag + up to 10 varint bytes, negative before 1970)
    // and nanos (tag + up to 5): 19 bytes at most.
    private const int Capacity = 20;

    private readonly Buffer bytes;

    private EncodedField(byte tag, long utcTicks)
    {
        var writer = new ProtoSpanWriter(bytes);
        writer.Header(tag, WireValue.TimestampSize(utcTicks));
        WireValue.WriteTimestamp(ref writer, utcTicks);
        Length = writer.Position;
    }

    /// <summary>Encoded size: tag, length prefix and body.</summary>
    public int Length { get; }

    /// <summary>A <c>google.protobuf.Timestamp</c> field of <paramref name="utcTicks"/> under <paramref name="tag"/>.</summary>
    public static EncodedField Timestamp(byte tag, long utcTicks) => new(tag, utcTicks);

    public void WriteTo(ref ProtoSpanWriter writer)
    {
        ReadOnlySpan<byte> encoded = bytes;
        writer.Bytes(encoded[..Length]);
    }

    [InlineArray(Capacity)]
    private struct Buffer
    {
        private byte first;
    }
}
