using Google.Protobuf;

namespace FeatureStore.Client.Reply;

/// <summary>
/// Reads a <c>google.protobuf.Timestamp</c> as UTC ticks, refusing what Timestamp itself refuses (out of range). A reply
/// carries one per cell (5,000 in a 100-entity x 50-feature reply), so the usual encoding (seconds then nanos, nothing
/// else) is read straight from the bytes; anything else goes through <see cref="CodedInputStream"/>.
/// </summary>
internal static class TimestampReader
{
    private const uint SecondsTag = (1 << 3) | (int)WireFormat.WireType.Varint;
    private const uint NanosTag = (2 << 3) | (int)WireFormat.WireType.Varint;
    private const long MinSeconds = -62_135_596_800L; // 0001-01-01
    private const long MaxSeconds = 253_402_300_799L; // 9999-12-31 23:59:59

    /// <summary>The Timestamp message at <paramref name="input"/>'s position, its length prefix first.</summary>
    public static long Read(CodedInputStream input)
    {
        long seconds = 0;
        var nanos = 0;
        var end = input.ReadLength() + input.Position;
        while (input.Position < end)
        {
            var tag = input.ReadTag();
            if (tag == SecondsTag)
            {
                seconds = input.ReadInt64();
            }
            else if (tag == NanosTag)
            {
                nanos = input.ReadInt32();
            }
            else
            {
                input.SkipLastField();
            }
        }

        if (input.Position != end)
        {
            throw OnlineFeaturesReplyReader.Malformed($"a field runs {input.Position - end} bytes past the end of its enclosing message");
        }

        return ToTicks(seconds, nanos);
    }

    /// <summary>
    /// The Timestamp message whose length prefix starts at <paramref name="buffer"/>[<paramref name="start"/>] and which
    /// ends <paramref name="length"/> bytes later (the caller has stepped over it, so it is known to fit the reply).
    /// </summary>
    public static long Read(byte[] buffer, int start, int length)
    {
        var field = buffer.AsSpan(start, length);
        var at = 0;
        if (TryVarint(field, ref at, out var bodyLength) && bodyLength == (ulong)(field.Length - at))
        {
            long seconds = 0;
            ulong nanos = 0;
            var canonical = true;
            if (at < field.Length && field[at] == SecondsTag)
            {
                at++;
                canonical = TryVarint(field, ref at, out var raw);
                seconds = (long)raw;
            }

            if (canonical && at < field.Length && field[at] == NanosTag)
            {
                at++;
                canonical = TryVarint(field, ref at, out nanos);
            }

            if (canonical && at == field.Length)
            {
                return ToTicks(seconds, (int)nanos); // int32 on the wire: protobuf keeps the low 32 bits
            }
        }

        return Read(new CodedInputStream(buffer, start, length));
    }

    private static long ToTicks(long seconds, int nanos)
    {
        if (seconds is < MinSeconds or > MaxSeconds || nanos is < 0 or > 999_999_999)
        {
            throw OnlineFeaturesReplyReader.Malformed($"a timestamp is out of range ({seconds} s, {nanos} ns)");
        }

        return DateTime.UnixEpoch.Ticks + (seconds * TimeSpan.TicksPerSecond) + (nanos / 100);
    }

    /// <summary>A varint of at most 10 bytes ending inside <paramref name="bytes"/>; false otherwise (left to the full reader).</summary>
    private static bool TryVarint(ReadOnlySpan<byte> bytes, ref int at, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 70 && at < bytes.Length; shift += 7)
        {
            var b = bytes[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }
}
