using System.Globalization;
using System.Text;
using FeatureStore.Registry.Model;
using Google.Protobuf;

namespace FeatureStore.Streaming.Kafka.Decoding;

/// <summary>
/// Decodes a Protobuf message without generated classes: the stream's field_mapping names the column of each field number
/// (unmapped fields are skipped). The wire type must fit the column's declared type: integers and bools are varints
/// (int64/int32 encoding, not zigzag), float64 is fixed64, float32 fixed32, text and bytes are length-delimited, lists are
/// packed (or repeated) fixed32/fixed64, timestamps are int64 epoch milliseconds or a google.protobuf.Timestamp-shaped
/// submessage (1: seconds, 2: nanos). As in proto3, a mapped field absent from a message has its type's default value
/// (0, false, "", empty); the event-time field must be present.
/// </summary>
public sealed class ProtobufRecordDecoder : IRecordDecoder
{
    private readonly int eventTimeNumber;
    private readonly string timestampColumn;
    private readonly Dictionary<int, (string Column, FeatureType? Type)> fields = [];

    public ProtobufRecordDecoder(DataSourceDefinition source, KafkaStreamDefinition stream, IReadOnlyDictionary<string, FeatureType> columnTypes)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(columnTypes);
        timestampColumn = source.TimestampField;
        eventTimeNumber = FieldNumber(source, stream.EventTimeField, "event_time_field");
        foreach (var (field, column) in stream.FieldMapping ?? new Dictionary<string, string>())
        {
            var number = FieldNumber(source, field, "field_mapping key");
            if (number != eventTimeNumber)
            {
                fields[number] = (column, columnTypes.TryGetValue(column, out var type) ? type : null);
            }
        }
    }

    public DecodeOutcome Decode(byte[]? value, RecordPosition position, DateTimeOffset? brokerTimestamp)
    {
        var columns = new Dictionary<string, object?>(fields.Count + 1, StringComparer.Ordinal);
        DateTimeOffset? eventTime = null;
        try
        {
            var input = new CodedInputStream(value ?? []);
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                var number = WireFormat.GetTagFieldNumber(tag);
                var wire = WireFormat.GetTagWireType(tag);
                if (number == eventTimeNumber)
                {
                    eventTime = ReadTimestamp(input, number, wire, "event time");
                }
                else if (fields.TryGetValue(number, out var target))
                {
                    columns[target.Column] = ReadField(input, number, wire, target.Column, target.Type, columns.GetValueOrDefault(target.Column));
                }
                else
                {
                    input.SkipLastField();
                }
            }
        }
        catch (InvalidProtocolBufferException e)
        {
            return DecodeOutcome.Failed($"malformed Protobuf: {e.Message}");
        }
        catch (DecoderException e)
        {
            return DecodeOutcome.Failed(e.Message);
        }

        if (eventTime is not { } time)
        {
            return DecodeOutcome.Failed($"event time field {eventTimeNumber} is missing");
        }

        foreach (var (column, type) in fields.Values)
        {
            if (!columns.ContainsKey(column) && type is { } declared)
            {
                columns[column] = DefaultOf(declared);
            }
        }

        columns[timestampColumn] = time;
        return DecodeOutcome.Decoded(new DecodedRecord(position, columns, brokerTimestamp));
    }

    private static object? ReadField(CodedInputStream input, int number, WireFormat.WireType wire, string column, FeatureType? type, object? previous)
    {
        switch (type)
        {
            case null:
                return wire switch
                {
                    WireFormat.WireType.Varint => input.ReadInt64(),
                    WireFormat.WireType.Fixed64 => input.ReadDouble(),
                    WireFormat.WireType.Fixed32 => input.ReadFloat(),
                    WireFormat.WireType.LengthDelimited => input.ReadString(),
                    _ => throw Mismatch(number, column, null, "a scalar or length-delimited value", wire),
                };
            case FeatureType.Int32 or FeatureType.Int64:
                Expect(number, column, type, WireFormat.WireType.Varint, wire);
                return input.ReadInt64();
            case FeatureType.Bool:
                Expect(number, column, type, WireFormat.WireType.Varint, wire);
                return input.ReadBool();
            case FeatureType.Float64:
                Expect(number, column, type, WireFormat.WireType.Fixed64, wire);
                return input.ReadDouble();
            case FeatureType.Float32:
                Expect(number, column, type, WireFormat.WireType.Fixed32, wire);
                return input.ReadFloat();
            case FeatureType.String:
                Expect(number, column, type, WireFormat.WireType.LengthDelimited, wire);
                return ReadUtf8(input, number, column);
            case FeatureType.Bytes:
                Expect(number, column, type, WireFormat.WireType.LengthDelimited, wire);
                return input.ReadBytes().ToByteArray();
            case FeatureType.Timestamp:
                return ReadTimestamp(input, number, wire, $"column {column}");
            case FeatureType.Float32List:
                return wire switch
                {
                    WireFormat.WireType.LengthDelimited => Concat(previous as float[], Packed(input, number, column, 4, (b, i) => BitConverter.ToSingle(b, i))),
                    WireFormat.WireType.Fixed32 => Concat(previous as float[], [input.ReadFloat()]),
                    _ => throw Mismatch(number, column, type, "packed fixed32 (length-delimited) or fixed32", wire),
                };
            case FeatureType.Float64List:
                return wire switch
                {
                    WireFormat.WireType.LengthDelimited => Concat(previous as double[], Packed(input, number, column, 8, (b, i) => BitConverter.ToDouble(b, i))),
                    WireFormat.WireType.Fixed64 => Concat(previous as double[], [input.ReadDouble()]),
                    _ => throw Mismatch(number, column, type, "packed fixed64 (length-delimited) or fixed64", wire),
                };
            default:
                throw new DecoderException($"field {number} (column {column}): type {type.Value.Name()} cannot be read from Protobuf");
        }
    }

    /// <summary>int64 epoch milliseconds (varint) or a google.protobuf.Timestamp-shaped submessage.</summary>
    private static DateTimeOffset ReadTimestamp(CodedInputStream input, int number, WireFormat.WireType wire, string what)
    {
        var field = $"{number} ({what})";
        if (wire == WireFormat.WireType.Varint)
        {
            return EventTimeText.FromEpochMillis(field, input.ReadInt64());
        }

        if (wire != WireFormat.WireType.LengthDelimited)
        {
            throw new DecoderException($"field {field}: expected varint epoch milliseconds or a length-delimited Timestamp message, got {Name(wire)}");
        }

        var message = new CodedInputStream(input.ReadBytes().ToByteArray());
        long seconds = 0;
        var nanos = 0;
        uint tag;
        while ((tag = message.ReadTag()) != 0)
        {
            var inner = WireFormat.GetTagFieldNumber(tag);
            var innerWire = WireFormat.GetTagWireType(tag);
            if (inner is 1 or 2 && innerWire != WireFormat.WireType.Varint)
            {
                throw new DecoderException($"field {field}: Timestamp field {inner} ({(inner == 1 ? "seconds" : "nanos")}): expected varint, got {Name(innerWire)}");
            }

            switch (inner)
            {
                case 1:
                    seconds = message.ReadInt64();
                    break;
                case 2:
                    nanos = message.ReadInt32();
                    break;
                default:
                    message.SkipLastField();
                    break;
            }
        }

        if (seconds < DateTimeOffset.MinValue.ToUnixTimeSeconds() || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds() || nanos is < 0 or > 999_999_999)
        {
            throw new DecoderException($"field {field}: Timestamp {seconds.ToString(CultureInfo.InvariantCulture)} s + {nanos.ToString(CultureInfo.InvariantCulture)} ns is out of range");
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(nanos / 100);
    }

    private static string ReadUtf8(CodedInputStream input, int number, string column)
    {
        var bytes = input.ReadBytes();
        try
        {
            return StrictUtf8.GetString(bytes.Span);
        }
        catch (DecoderFallbackException)
        {
            throw new DecoderException($"field {number} (column {column}, string): the bytes are not valid UTF-8");
        }
    }

    private static T[] Packed<T>(CodedInputStream input, int number, string column, int size, Func<byte[], int, T> read)
    {
        var bytes = input.ReadBytes().ToByteArray();
        if (bytes.Length % size != 0)
        {
            throw new DecoderException($"field {number} (column {column}): packed list of {bytes.Length} bytes is not a whole number of {size}-byte elements");
        }

        var values = new T[bytes.Length / size];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = read(bytes, i * size);
        }

        return values;
    }

    private static T[] Concat<T>(T[]? previous, T[] next) => previous is null ? next : [.. previous, .. next];

    private static object? DefaultOf(FeatureType type) => type switch
    {
        FeatureType.Int32 or FeatureType.Int64 => 0L,
        FeatureType.Float32 => 0f,
        FeatureType.Float64 => 0d,
        FeatureType.Bool => false,
        FeatureType.String => "",
        FeatureType.Bytes => Array.Empty<byte>(),
        FeatureType.Float32List => Array.Empty<float>(),
        FeatureType.Float64List => Array.Empty<double>(),
        _ => null,
    };

    private static void Expect(int number, string column, FeatureType? type, WireFormat.WireType expected, WireFormat.WireType actual)
    {
        if (expected != actual)
        {
            throw Mismatch(number, column, type, Name(expected), actual);
        }
    }

    private static DecoderException Mismatch(int number, string column, FeatureType? type, string expected, WireFormat.WireType actual) =>
        new($"field {number} (column {column}{(type is { } t ? ", " + t.Name() : "")}): expected {expected}, got {Name(actual)}");

    private static string Name(WireFormat.WireType wire) => wire switch
    {
        WireFormat.WireType.Varint => "varint",
        WireFormat.WireType.Fixed64 => "fixed64",
        WireFormat.WireType.LengthDelimited => "length-delimited",
        WireFormat.WireType.StartGroup => "start-group",
        WireFormat.WireType.EndGroup => "end-group",
        WireFormat.WireType.Fixed32 => "fixed32",
        _ => $"wire type {(int)wire}",
    };

    private static int FieldNumber(DataSourceDefinition source, string text, string what) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 536_870_911
            ? number
            : throw new ArgumentException($"data source '{source.Name}': stream {what} '{text}' is not a Protobuf field number (1 to 536870911), as format: protobuf needs");

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
