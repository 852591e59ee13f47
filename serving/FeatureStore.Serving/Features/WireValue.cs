using System.Runtime.InteropServices;
using FeatureStore.Online;

namespace FeatureStore.Serving.Features;

/// <summary>
/// A stored <see cref="FeatureValue"/> as the body of a <c>featurestore.serving.v1.Value</c> message (one oneof member
/// set, written even when it holds the default, as protobuf does for oneofs), and an event time as the body of a
/// <c>google.protobuf.Timestamp</c>.
/// </summary>
internal static class WireValue
{
    // Tags: field number << 3 | wire type (0 varint, 1 fixed64, 2 length-delimited, 5 fixed32).
    private const byte Int32Tag = 1 << 3, Int64Tag = 2 << 3, FloatTag = (3 << 3) | 5, DoubleTag = (4 << 3) | 1, BoolTag = 5 << 3;
    private const byte StringTag = (6 << 3) | 2, BytesTag = (7 << 3) | 2, TimestampTag = (8 << 3) | 2, FloatListTag = (9 << 3) | 2, DoubleListTag = (10 << 3) | 2;
    private const byte PackedTag = (1 << 3) | 2, SecondsTag = 1 << 3, NanosTag = 2 << 3;

    public static int Size(FeatureValue value) => value.Kind switch
    {
        FeatureValueKind.Int32 => 1 + ProtoSpanWriter.VarintSize((ulong)(long)value.AsInt32()),
        FeatureValueKind.Int64 => 1 + ProtoSpanWriter.VarintSize((ulong)value.AsInt64()),
        FeatureValueKind.Float32 => 5,
        FeatureValueKind.Float64 => 9,
        FeatureValueKind.Bool => 2,
        FeatureValueKind.String => ProtoSpanWriter.FieldSize(System.Text.Encoding.UTF8.GetByteCount(value.AsString())),
        FeatureValueKind.Bytes => ProtoSpanWriter.FieldSize(value.AsBytes().Length),
        FeatureValueKind.Timestamp => ProtoSpanWriter.FieldSize(TimestampSize(value.AsTimestamp().UtcTicks)),
        FeatureValueKind.Float32List => ProtoSpanWriter.FieldSize(PackedSize(value.AsFloat32List().Length * 4)),
        FeatureValueKind.Float64List => ProtoSpanWriter.FieldSize(PackedSize(value.AsFloat64List().Length * 8)),
        _ => 0,
    };

    public static void Write(ref ProtoSpanWriter writer, FeatureValue value)
    {
        switch (value.Kind)
        {
            case FeatureValueKind.Int32:
                writer.Byte(Int32Tag);
                writer.Varint((ulong)(long)value.AsInt32());
                break;
            case FeatureValueKind.Int64:
                writer.Byte(Int64Tag);
                writer.Varint((ulong)value.AsInt64());
                break;
            case FeatureValueKind.Float32:
                writer.Byte(FloatTag);
                writer.Fixed32(BitConverter.SingleToUInt32Bits(value.AsFloat32()));
                break;
            case FeatureValueKind.Float64:
                writer.Byte(DoubleTag);
                writer.Fixed64(BitConverter.DoubleToUInt64Bits(value.AsFloat64()));
                break;
            case FeatureValueKind.Bool:
                writer.Byte(BoolTag);
                writer.Byte(value.AsBool() ? (byte)1 : (byte)0);
                break;
            case FeatureValueKind.String:
                var text = value.AsString();
                writer.Header(StringTag, System.Text.Encoding.UTF8.GetByteCount(text));
                writer.Utf8(text);
                break;
            case FeatureValueKind.Bytes:
                var bytes = value.AsBytes().Span;
                writer.Header(BytesTag, bytes.Length);
                writer.Bytes(bytes);
                break;
            case FeatureValueKind.Timestamp:
                var ticks = value.AsTimestamp().UtcTicks;
                writer.Header(TimestampTag, TimestampSize(ticks));
                WriteTimestamp(ref writer, ticks);
                break;
            case FeatureValueKind.Float32List:
                WritePacked(ref writer, FloatListTag, MemoryMarshal.AsBytes(value.AsFloat32List().Span));
                break;
            case FeatureValueKind.Float64List:
                WritePacked(ref writer, DoubleListTag, MemoryMarshal.AsBytes(value.AsFloat64List().Span));
                break;
        }
    }

    /// <summary>Size of a Timestamp body (seconds and nanos since the Unix epoch; zero fields are omitted).</summary>
    public static int TimestampSize(long utcTicks)
    {
        var (seconds, nanos) = SecondsAndNanos(utcTicks);
        return (seconds == 0 ? 0 : 1 + ProtoSpanWriter.VarintSize((ulong)seconds)) + (nanos == 0 ? 0 : 1 + ProtoSpanWriter.VarintSize((ulong)nanos));
    }

    public static void WriteTimestamp(ref ProtoSpanWriter writer, long utcTicks)
    {
        var (seconds, nanos) = SecondsAndNanos(utcTicks);
        if (seconds != 0)
        {
            writer.Byte(SecondsTag);
            writer.Varint((ulong)seconds);
        }

        if (nanos != 0)
        {
            writer.Byte(NanosTag);
            writer.Varint((ulong)nanos);
        }
    }

    private static (long Seconds, long Nanos) SecondsAndNanos(long utcTicks)
    {
        var seconds = Math.DivRem(utcTicks - DateTime.UnixEpoch.Ticks, TimeSpan.TicksPerSecond, out var remainder);
        if (remainder < 0)
        {
            seconds--;
            remainder += TimeSpan.TicksPerSecond;
        }

        return (seconds, remainder * 100);
    }

    // A FloatList / DoubleList body: its one packed field, omitted when the list is empty.
    private static int PackedSize(int bytes) => bytes == 0 ? 0 : ProtoSpanWriter.FieldSize(bytes);

    private static void WritePacked(ref ProtoSpanWriter writer, byte tag, ReadOnlySpan<byte> littleEndianValues)
    {
        writer.Header(tag, PackedSize(littleEndianValues.Length));
        if (littleEndianValues.Length == 0)
            return;
        writer.Header(PackedTag, littleEndianValues.Length);
        writer.Bytes(littleEndianValues);
    }
}
