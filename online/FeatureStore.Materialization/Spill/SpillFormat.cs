using System.Buffers;
using System.Text;
using FeatureStore.Online;
using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Materialization.Spill;

/// <summary>
/// The record of one window row in a spill file: 7-bit length + entity key bytes, event and created ticks, read-order
/// sequence number, source file index and row, an optional quality reason, then each feature as a presence byte and
/// its value in the declared type (fixed-width little-endian; strings and bytes 7-bit length + bytes; lists count + elements).
/// </summary>
internal static class SpillFormat
{
    /// <summary>The Parquet type a spilled feature column is rebuilt as (timestamps as microseconds: spilled ticks are whole microseconds).</summary>
    public static ParquetType ColumnType(FeatureType type) => type switch
    {
        FeatureType.Int32 => ParquetType.Int32,
        FeatureType.Int64 => ParquetType.Int64,
        FeatureType.Float32 => ParquetType.Float,
        FeatureType.Float64 => ParquetType.Double,
        FeatureType.Bool => ParquetType.Boolean,
        FeatureType.String => ParquetType.String,
        FeatureType.Bytes => ParquetType.Binary,
        FeatureType.Timestamp => ParquetType.Timestamp(TimeUnit.Micros),
        FeatureType.Float32List => ParquetType.ListOf(ParquetType.Float, elementNullable: false),
        _ => ParquetType.ListOf(ParquetType.Double, elementNullable: false),
    };

    public static void WriteValue(BinaryWriter writer, FeatureValue value, FeatureType type)
    {
        writer.Write(!value.IsNull);
        if (value.IsNull)
            return;
        switch (type)
        {
            case FeatureType.Int32:
                writer.Write(value.AsInt32());
                break;
            case FeatureType.Int64:
                writer.Write(value.AsInt64());
                break;
            case FeatureType.Float32:
                writer.Write(value.AsFloat32());
                break;
            case FeatureType.Float64:
                writer.Write(value.AsFloat64());
                break;
            case FeatureType.Bool:
                writer.Write(value.AsBool());
                break;
            case FeatureType.String:
                WriteText(writer, value.AsString());
                break;
            case FeatureType.Bytes:
                WriteBytes(writer, value.AsBytes().Span);
                break;
            case FeatureType.Timestamp:
                writer.Write((value.AsTimestamp().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10);
                break;
            case FeatureType.Float32List:
                var floats = value.AsFloat32List().Span;
                writer.Write7BitEncodedInt(floats.Length);
                foreach (var f in floats)
                    writer.Write(f);
                break;
            default:
                var doubles = value.AsFloat64List().Span;
                writer.Write7BitEncodedInt(doubles.Length);
                foreach (var d in doubles)
                    writer.Write(d);
                break;
        }
    }

    public static void WriteBytes(BinaryWriter writer, ReadOnlySpan<byte> bytes)
    {
        writer.Write7BitEncodedInt(bytes.Length);
        writer.Write(bytes);
    }

    public static void WriteText(BinaryWriter writer, string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Encoding.UTF8.GetBytes(text, buffer);
            WriteBytes(writer, buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static string ReadText(BinaryReader reader) => Encoding.UTF8.GetString(reader.ReadBytes(reader.Read7BitEncodedInt()));
}
