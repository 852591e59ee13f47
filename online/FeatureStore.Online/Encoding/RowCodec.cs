using System.Buffers;
using System.Buffers.Binary;

namespace FeatureStore.Online.Encoding;

/// <summary>
/// One stored row (an entity's values for one view version):
/// <c>[event UTC ticks: 8 bytes big-endian][flags: 1 byte][expiry UTC ticks: 8 bytes big-endian, if flag 1][schema id: 4 bytes LE][values]</c>.
/// Big-endian ticks (always non-negative) make byte order equal time order, so the Redis guard compares the first 8 bytes.
/// </summary>
internal static class RowCodec
{
    public const int EventTicksLength = 8;
    private const byte HasExpiry = 1;

    // Rows are encoded one after another on a thread: one scratch writer per thread, only the row's bytes are allocated.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? scratch;

    // A scratch writer grown past this by one large row (long lists) is dropped rather than kept by the thread.
    private const int MaxScratchBytes = 1 << 20;

    public static byte[] Encode(long eventTicks, long? expiresTicks, RowSchema schema, IReadOnlyList<FeatureValue> values)
    {
        var writer = scratch ??= new ArrayBufferWriter<byte>(256);
        writer.ResetWrittenCount();
        var header = writer.GetSpan(21);
        BinaryPrimitives.WriteInt64BigEndian(header, eventTicks);
        var length = 9;
        if (expiresTicks is { } expires)
        {
            header[8] = HasExpiry;
            BinaryPrimitives.WriteInt64BigEndian(header[9..], expires);
            length += 8;
        }
        else
        {
            header[8] = 0;
        }
        BinaryPrimitives.WriteUInt32LittleEndian(header[length..], schema.Id);
        writer.Advance(length + 4);
        for (var i = 0; i < values.Count; i++) // by index: foreach over the interface allocates an enumerator per row
            ValueCodec.Write(writer, values[i]);
        var row = writer.WrittenSpan.ToArray();
        if (writer.Capacity > MaxScratchBytes)
            scratch = null;
        return row;
    }

    /// <summary>Reads the header; false when the bytes are too short or the flags unknown.</summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> row, out long eventTicks, out long? expiresTicks, out uint schemaId, out int valuesStart)
    {
        eventTicks = 0;
        expiresTicks = null;
        schemaId = 0;
        valuesStart = 0;
        if (row.Length < 13 || row[8] > HasExpiry)
            return false;
        eventTicks = BinaryPrimitives.ReadInt64BigEndian(row);
        var position = 9;
        if (row[8] == HasExpiry)
        {
            if (row.Length < 21)
                return false;
            expiresTicks = BinaryPrimitives.ReadInt64BigEndian(row[9..]);
            position = 17;
        }
        schemaId = BinaryPrimitives.ReadUInt32LittleEndian(row[position..]);
        valuesStart = position + 4;
        return eventTicks >= 0 && eventTicks <= DateTimeOffset.MaxValue.UtcTicks;
    }

    /// <summary>Decodes exactly <paramref name="count"/> values from <paramref name="start"/>; false on malformed bytes.</summary>
    public static bool TryReadValues(ReadOnlySpan<byte> row, int start, int count, out FeatureValue[] values)
    {
        values = new FeatureValue[count];
        var position = start;
        for (var i = 0; i < count; i++)
        {
            if (!ValueCodec.TryRead(row, ref position, out values[i]))
                return false;
        }
        return position == row.Length;
    }
}
