using System.Globalization;
using System.Text.Json;
using FeatureStore.Registry.Model;

namespace FeatureStore.Streaming.Kafka.Decoding;

/// <summary>
/// Decodes a message holding one JSON object. Top-level fields are renamed by the stream's field_mapping (unmapped fields
/// keep their name); fields that are no column of any view reading the source are ignored. The event-time field becomes
/// the source's timestamp column (RFC 3339 text or epoch milliseconds). Values pass as text, long, double, bool, null or
/// double[] (a numeric array); the ingestor converts them to the declared types and reports a mismatch.
/// </summary>
public sealed class JsonRecordDecoder : IRecordDecoder
{
    private readonly string eventTimeField;
    private readonly string timestampColumn;
    private readonly IReadOnlyDictionary<string, string> mapping;
    private readonly IReadOnlyDictionary<string, FeatureType> columnTypes;

    public JsonRecordDecoder(DataSourceDefinition source, KafkaStreamDefinition stream, IReadOnlyDictionary<string, FeatureType> columnTypes)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(stream);
        eventTimeField = stream.EventTimeField;
        timestampColumn = source.TimestampField;
        mapping = stream.FieldMapping ?? new Dictionary<string, string>();
        this.columnTypes = columnTypes;
    }

    public DecodeOutcome Decode(byte[]? value, RecordPosition position, DateTimeOffset? brokerTimestamp)
    {
        if (value is null || value.Length == 0)
        {
            return DecodeOutcome.Failed("empty message: expected a JSON object");
        }

        var reader = new Utf8JsonReader(value, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        var columns = new Dictionary<string, object?>(columnTypes.Count, StringComparer.Ordinal);
        DateTimeOffset? eventTime = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return DecodeOutcome.Failed($"expected a JSON object at the top level, got {Describe(reader.TokenType)}");
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var field = reader.GetString()!;
                reader.Read();
                if (field == eventTimeField)
                {
                    eventTime = ReadEventTime(ref reader, field);
                    continue;
                }

                var column = mapping.GetValueOrDefault(field) ?? field;
                if (!columnTypes.ContainsKey(column) || column == timestampColumn)
                {
                    reader.Skip();
                    continue;
                }

                columns[column] = ReadValue(ref reader, field);
            }

            if (reader.Read())
            {
                return DecodeOutcome.Failed($"malformed JSON at byte {reader.TokenStartIndex}: content after the top-level object");
            }
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is > 0 ? $"line {e.LineNumber + 1}, " : "";
            return DecodeOutcome.Failed($"malformed JSON at {line}byte {e.BytePositionInLine ?? reader.BytesConsumed}: {WithoutPosition(e.Message)}");
        }
        catch (DecoderException e)
        {
            return DecodeOutcome.Failed(e.Message);
        }

        if (eventTime is not { } time)
        {
            return DecodeOutcome.Failed($"event time field '{eventTimeField}' is missing (or null)");
        }

        columns[timestampColumn] = time;
        return DecodeOutcome.Decoded(new DecodedRecord(position, columns, brokerTimestamp));
    }

    private static DateTimeOffset? ReadEventTime(ref Utf8JsonReader reader, string field)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return EventTimeText.FromRfc3339($"'{field}'", reader.GetString()!);
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var millis)
                    ? EventTimeText.FromEpochMillis($"'{field}'", millis)
                    : EventTimeText.FromEpochMillis($"'{field}'", reader.GetDouble());
            default:
                throw new DecoderException($"event time field '{field}': expected RFC 3339 text or epoch milliseconds, got {Describe(reader.TokenType)}");
        }
    }

    private static object? ReadValue(ref Utf8JsonReader reader, string field)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var integer) ? integer : (object)reader.GetDouble();
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.StartArray:
                var numbers = new List<double>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.Number)
                    {
                        throw new DecoderException($"field '{field}': element {numbers.Count} is {Describe(reader.TokenType)}; a list value holds numbers only");
                    }

                    numbers.Add(reader.GetDouble());
                }

                return numbers.ToArray();
            default:
                throw new DecoderException($"field '{field}': {Describe(reader.TokenType)} is not a column value (expected text, a number, true/false, null or a list of numbers)");
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "text",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.None => "nothing",
        _ => token.ToString().ToLower(CultureInfo.InvariantCulture),
    };

    private static string WithoutPosition(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut >= 0 ? message[..cut] : message).TrimEnd();
    }
}
