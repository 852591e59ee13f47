using FeatureStore.Protos.Wire;
using FeatureStore.Serving.V1;
using Google.Protobuf;

namespace FeatureStore.Sdk.Client;

/// <summary>
/// Reads a GetOnlineFeaturesResponse's bytes straight into <see cref="FeatureColumn"/>s with Google.Protobuf's
/// <see cref="CodedInputStream"/>, without a message object per value and per timestamp: the generated parser spends
/// most of a 100-entity call's client time allocating those (docs/benchmarks.md). Unknown fields are skipped, as
/// protobuf requires; tested against the generated parser (tests/FeatureStore.Serving.Tests/ReplyReaderTests.cs).
/// </summary>
internal static class OnlineFeaturesReplyReader
{
    private const int LengthDelimited = (int)WireFormat.WireType.LengthDelimited;

    /// <exception cref="FeatureServingException">INTERNAL when the bytes are not a well-formed reply.</exception>
    public static OnlineFeaturesResult Read(byte[] buffer, int offset, int length, DateTimeOffset receivedAt)
    {
        var names = new List<string>();
        var columns = new List<FeatureColumn>();
        try
        {
            var input = new CodedInputStream(buffer, offset, length);
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                switch (tag)
                {
                    case (1 << 3) | LengthDelimited:
                        ReadMetadata(input, names);
                        break;
                    case (2 << 3) | LengthDelimited:
                        columns.Add(ReadVector(input, columns.Count == 0 ? 4 : columns[^1].StatusCount));
                        break;
                    default:
                        input.SkipLastField();
                        break;
                }
            }
        }
        catch (InvalidProtocolBufferException e)
        {
            throw Malformed(e.Message);
        }

        return new OnlineFeaturesResult([.. names], [.. columns], Validate(names, columns), receivedAt);
    }

    /// <summary>Every vector must hold one status and one value per row (timestamps: one per row, or none).</summary>
    private static int Validate(List<string> names, List<FeatureColumn> columns)
    {
        if (names.Count != columns.Count)
        {
            throw Malformed($"it names {names.Count} features but holds {columns.Count} vectors");
        }

        var rows = columns.Count == 0 ? 0 : columns[0].StatusCount;
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            if (column.StatusCount != rows || column.ValueCount != rows || (column.TimestampCount != rows && column.TimestampCount != 0))
            {
                throw Malformed($"the vector of '{names[i]}' holds {column.StatusCount} statuses, {column.ValueCount} values and {column.TimestampCount} timestamps for {rows} rows");
            }
        }

        return rows;
    }

    private static void ReadMetadata(CodedInputStream input, List<string> names)
    {
        var end = EndOfMessage(input);
        while (input.Position < end)
        {
            if (input.ReadTag() == ((1 << 3) | LengthDelimited))
            {
                ReadFeatureList(input, names);
            }
            else
            {
                input.SkipLastField();
            }
        }

        CheckEnd(input, end);
    }

    /// <summary>FeatureList: <c>repeated string val = 1</c>.</summary>
    private static void ReadFeatureList(CodedInputStream input, List<string> names)
    {
        var end = EndOfMessage(input);
        while (input.Position < end)
        {
            if (input.ReadTag() == ((1 << 3) | LengthDelimited))
            {
                names.Add(input.ReadString());
            }
            else
            {
                input.SkipLastField();
            }
        }

        CheckEnd(input, end);
    }

    private static FeatureColumn ReadVector(CodedInputStream input, int expectedRows)
    {
        var column = new FeatureColumn(expectedRows);
        var end = EndOfMessage(input);
        while (input.Position < end)
        {
            var tag = input.ReadTag();
            switch (tag)
            {
                case (1 << 3) | LengthDelimited:
                    ReadValue(input, column);
                    break;
                case (2 << 3) | LengthDelimited:
                    var packedEnd = EndOfMessage(input);
                    while (input.Position < packedEnd)
                    {
                        column.AddStatus((FieldStatus)input.ReadEnum());
                    }

                    CheckEnd(input, packedEnd);
                    break;
                case (2 << 3) | (int)WireFormat.WireType.Varint:
                    column.AddStatus((FieldStatus)input.ReadEnum());
                    break;
                case (3 << 3) | LengthDelimited:
                    column.AddEventTime(ReadTimestampTicks(input));
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        CheckEnd(input, end);
        return column;
    }

    private static void ReadValue(CodedInputStream input, FeatureColumn column)
    {
        var end = EndOfMessage(input);
        // A oneof: the last field on the wire wins; an empty message is "no value".
        var kind = Value.ValOneofCase.None;
        long bits = 0;
        object? reference = null;
        while (input.Position < end)
        {
            var tag = input.ReadTag();
            switch (tag)
            {
                case (1 << 3) | (int)WireFormat.WireType.Varint:
                    (kind, bits, reference) = (Value.ValOneofCase.Int32Val, input.ReadInt32(), null);
                    break;
                case (2 << 3) | (int)WireFormat.WireType.Varint:
                    (kind, bits, reference) = (Value.ValOneofCase.Int64Val, input.ReadInt64(), null);
                    break;
                case (3 << 3) | (int)WireFormat.WireType.Fixed32:
                    (kind, bits, reference) = (Value.ValOneofCase.FloatVal, BitConverter.SingleToInt32Bits(input.ReadFloat()), null);
                    break;
                case (4 << 3) | (int)WireFormat.WireType.Fixed64:
                    (kind, bits, reference) = (Value.ValOneofCase.DoubleVal, BitConverter.DoubleToInt64Bits(input.ReadDouble()), null);
                    break;
                case (5 << 3) | (int)WireFormat.WireType.Varint:
                    (kind, bits, reference) = (Value.ValOneofCase.BoolVal, input.ReadBool() ? 1 : 0, null);
                    break;
                case (6 << 3) | LengthDelimited:
                    (kind, reference) = (Value.ValOneofCase.StringVal, input.ReadString());
                    break;
                case (7 << 3) | LengthDelimited:
                    (kind, reference) = (Value.ValOneofCase.BytesVal, input.ReadBytes().ToByteArray());
                    break;
                case (8 << 3) | LengthDelimited:
                    (kind, reference) = (Value.ValOneofCase.TimestampVal, new DateTimeOffset(ReadTimestampTicks(input), TimeSpan.Zero));
                    break;
                case (9 << 3) | LengthDelimited:
                    (kind, reference) = (Value.ValOneofCase.FloatListVal, ReadList(input, WireFormat.WireType.Fixed32, static i => i.ReadFloat()));
                    break;
                case (10 << 3) | LengthDelimited:
                    (kind, reference) = (Value.ValOneofCase.DoubleListVal, ReadList(input, WireFormat.WireType.Fixed64, static i => i.ReadDouble()));
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        CheckEnd(input, end);
        if (reference is null)
        {
            column.AddScalar(kind, bits);
        }
        else
        {
            column.AddReference(kind, reference);
        }
    }

    /// <summary>FloatList / DoubleList: <c>repeated T val = 1</c>, packed or not (parsers must accept both).</summary>
    private static T[] ReadList<T>(CodedInputStream input, WireFormat.WireType unpackedWireType, Func<CodedInputStream, T> readOne)
    {
        var unpackedTag = (uint)((1 << 3) | (int)unpackedWireType);
        var items = new List<T>();
        var end = EndOfMessage(input);
        while (input.Position < end)
        {
            var tag = input.ReadTag();
            if (tag == ((1 << 3) | LengthDelimited))
            {
                // No capacity from the declared length: a corrupt length must fail as truncated, not allocate gigabytes.
                var packedEnd = EndOfMessage(input);
                while (input.Position < packedEnd)
                {
                    items.Add(readOne(input));
                }

                CheckEnd(input, packedEnd);
            }
            else if (tag == unpackedTag)
            {
                items.Add(readOne(input));
            }
            else
            {
                input.SkipLastField();
            }
        }

        CheckEnd(input, end);
        return [.. items];
    }

    /// <summary>google.protobuf.Timestamp as UTC ticks; refuses what Timestamp itself refuses (out of range).</summary>
    private static long ReadTimestampTicks(CodedInputStream input)
    {
        long seconds = 0;
        var nanos = 0;
        var end = EndOfMessage(input);
        while (input.Position < end)
        {
            var tag = input.ReadTag();
            if (tag == ((1 << 3) | (int)WireFormat.WireType.Varint))
            {
                seconds = input.ReadInt64();
            }
            else if (tag == ((2 << 3) | (int)WireFormat.WireType.Varint))
            {
                nanos = input.ReadInt32();
            }
            else
            {
                input.SkipLastField();
            }
        }

        CheckEnd(input, end);
        const long MinSeconds = -62_135_596_800L;  // 0001-01-01
        const long MaxSeconds = 253_402_300_799L;  // 9999-12-31 23:59:59
        if (seconds is < MinSeconds or > MaxSeconds || nanos is < 0 or > 999_999_999)
        {
            throw Malformed($"a timestamp is out of range ({seconds} s, {nanos} ns)");
        }

        return DateTime.UnixEpoch.Ticks + (seconds * TimeSpan.TicksPerSecond) + (nanos / 100);
    }

    /// <summary>
    /// Reads a length prefix and returns where that field ends. A length past the buffer needs no check here: reading
    /// on to it makes <see cref="CodedInputStream"/> throw (truncated message).
    /// </summary>
    private static long EndOfMessage(CodedInputStream input)
    {
        var length = input.ReadLength();
        return input.Position + length;
    }

    private static void CheckEnd(CodedInputStream input, long end)
    {
        if (input.Position != end)
        {
            throw Malformed($"a field runs {input.Position - end} bytes past the end of its enclosing message");
        }
    }

    private static FeatureServingException Malformed(string detail) =>
        new(GrpcStatusCode.Internal, $"the reply is not a valid GetOnlineFeaturesResponse: {detail}");
}
