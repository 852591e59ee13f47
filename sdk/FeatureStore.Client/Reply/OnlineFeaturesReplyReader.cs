using FeatureStore.Serving.V1;
using Google.Protobuf;
using Grpc.Core;

namespace FeatureStore.Client.Reply;

/// <summary>
/// Reads a GetOnlineFeaturesResponse's bytes straight into flat <see cref="ReplyCells"/> with Google.Protobuf's
/// <see cref="CodedInputStream"/>, without a message object per value and per timestamp: the generated parser spends
/// most of a 100-entity call's client time allocating those (docs/benchmarks.md). Unknown fields are skipped, as
/// protobuf requires; tested against the generated parser (tests/FeatureStore.Client.Tests/ReplyReaderTests.cs).
/// </summary>
internal static class OnlineFeaturesReplyReader
{
    private const int LengthDelimited = (int)WireFormat.WireType.LengthDelimited;

    // The name tables of the last few distinct metadata blocks seen (a model server asks for a handful of feature sets).
    private static readonly FeatureNameTable?[] RecentNames = new FeatureNameTable?[4];
    private static int nextRecent;

    /// <exception cref="FeatureServingException">INTERNAL when the bytes are not a well-formed reply.</exception>
    public static OnlineFeaturesResult Read(byte[] buffer, int offset, int length, DateTimeOffset receivedAt)
    {
        var columns = new List<FeatureColumn>();
        var cells = new ReplyCells(64);
        FeatureNameTable? table;
        try
        {
            var input = new CodedInputStream(buffer, offset, length);
            var origin = input.Position;
            var metadata = new List<(int Start, int Length)>(1);
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                switch (tag)
                {
                    case (1 << 3) | LengthDelimited:
                        // Kept as a byte range (length prefix included) and read once the whole reply is in.
                        var start = input.Position;
                        input.SkipLastField();
                        metadata.Add((offset + (int)(start - origin), (int)(input.Position - start)));
                        break;
                    case (2 << 3) | LengthDelimited:
                        var vectorStart = input.Position;
                        columns.Add(ReadVector(input, cells, buffer, (int)(offset - origin)));
                        if (columns.Count == 1)
                        {
                            // Vectors of one reply are about the same size: size the cells once for as many as the rest
                            // of the bytes hold. Every cell takes at least 3 bytes on the wire (a status and a value's
                            // tag and length), so a corrupt reply cannot make this ask for more than its own size allows.
                            var vectorCount = 1 + ((length - (input.Position - origin)) / Math.Max(2, input.Position - vectorStart));
                            columns.Capacity = (int)Math.Min(vectorCount, 4096);
                            cells.Reserve((int)Math.Min(columns[0].StatusCount * vectorCount, length / 3));
                        }

                        break;
                    default:
                        input.SkipLastField();
                        break;
                }
            }

            table = NamesOf(buffer, metadata);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw Malformed(e.Message);
        }

        return new OnlineFeaturesResult(table, columns, Validate(table.Names, columns), receivedAt);
    }

    /// <summary>
    /// The feature names of the reply's metadata field: the cached table when one metadata block matches a recent one's
    /// bytes, else read (several blocks merge, as protobuf merges a repeated singular message field).
    /// </summary>
    private static FeatureNameTable NamesOf(byte[] buffer, List<(int Start, int Length)> blocks)
    {
        if (blocks.Count == 1)
        {
            var bytes = buffer.AsSpan(blocks[0].Start, blocks[0].Length);
            foreach (var recent in RecentNames)
            {
                if (recent is not null && recent.Matches(bytes))
                {
                    return recent;
                }
            }
        }

        var names = new List<string>();
        foreach (var (start, blockLength) in blocks)
        {
            ReadMetadata(new CodedInputStream(buffer, start, blockLength), names);
        }

        if (blocks.Count != 1)
        {
            return new FeatureNameTable([], names);
        }

        var table = new FeatureNameTable(buffer.AsSpan(blocks[0].Start, blocks[0].Length), names);
        RecentNames[(uint)Interlocked.Increment(ref nextRecent) % RecentNames.Length] = table;
        return table;
    }

    /// <summary>Every vector must hold one status and one value per row (timestamps: one per row, or none).</summary>
    private static int Validate(IReadOnlyList<string> names, List<FeatureColumn> columns)
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

    /// <param name="bufferBase">Add to <paramref name="input"/>'s position to get the index in <paramref name="buffer"/>.</param>
    private static FeatureColumn ReadVector(CodedInputStream input, ReplyCells cells, byte[] buffer, int bufferBase)
    {
        var start = cells.StartColumn();
        var end = EndOfMessage(input);
        while (input.Position < end)
        {
            var tag = input.ReadTag();
            switch (tag)
            {
                case (1 << 3) | LengthDelimited:
                    ReadValue(input, cells);
                    break;
                case (2 << 3) | LengthDelimited:
                    var packedEnd = EndOfMessage(input);
                    while (input.Position < packedEnd)
                    {
                        cells.AddStatus((FieldStatus)input.ReadEnum());
                    }

                    CheckEnd(input, packedEnd);
                    break;
                case (2 << 3) | (int)WireFormat.WireType.Varint:
                    cells.AddStatus((FieldStatus)input.ReadEnum());
                    break;
                case (3 << 3) | LengthDelimited:
                    // Stepped over first: that checks the length against the reply; the bytes are then read in place.
                    var timestampStart = input.Position;
                    input.SkipLastField();
                    cells.AddEventTime(TimestampReader.Read(buffer, bufferBase + (int)timestampStart, (int)(input.Position - timestampStart)));
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        CheckEnd(input, end);
        return cells.EndColumn(start);
    }

    private static void ReadValue(CodedInputStream input, ReplyCells cells)
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
                    (kind, reference) = (Value.ValOneofCase.TimestampVal, new DateTimeOffset(TimestampReader.Read(input), TimeSpan.Zero));
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
            cells.AddScalar(kind, bits);
        }
        else
        {
            cells.AddReference(kind, reference);
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

    internal static FeatureServingException Malformed(string detail) =>
        new(StatusCode.Internal, $"the reply is not a valid GetOnlineFeaturesResponse: {detail}");
}
