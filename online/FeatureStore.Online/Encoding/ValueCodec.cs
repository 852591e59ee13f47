using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace FeatureStore.Online.Encoding;

/// <summary>
/// Compact value encoding: a kind byte, then the payload. Ints are zigzag varints, floats and timestamps (UTC ticks)
/// fixed little-endian, bool one byte, strings/bytes a varint length then the bytes, lists a varint count then
/// little-endian elements. Null is the kind byte alone.
/// </summary>
internal static class ValueCodec
{
    public static void Write(IBufferWriter<byte> writer, FeatureValue value)
    {
        writer.GetSpan(1)[0] = (byte)value.Kind;
        writer.Advance(1);
        switch (value.Kind)
        {
            case FeatureValueKind.Null:
                break;
            case FeatureValueKind.Int32:
            case FeatureValueKind.Int64:
                VarInt.WriteSigned(writer, value.RawBits);
                break;
            case FeatureValueKind.Float32:
                BinaryPrimitives.WriteInt32LittleEndian(writer.GetSpan(4), (int)value.RawBits);
                writer.Advance(4);
                break;
            case FeatureValueKind.Float64:
            case FeatureValueKind.Timestamp:
                BinaryPrimitives.WriteInt64LittleEndian(writer.GetSpan(8), value.RawBits);
                writer.Advance(8);
                break;
            case FeatureValueKind.Bool:
                writer.GetSpan(1)[0] = (byte)value.RawBits;
                writer.Advance(1);
                break;
            case FeatureValueKind.String:
                WriteString(writer, value.AsString());
                break;
            case FeatureValueKind.Bytes:
                WriteBytes(writer, value.AsBytes().Span);
                break;
            case FeatureValueKind.Float32List:
                WriteList(writer, value.AsFloat32List().Span);
                break;
            case FeatureValueKind.Float64List:
                WriteList(writer, value.AsFloat64List().Span);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(value), value.Kind, "unknown feature value kind");
        }
    }

    public static bool TryRead(ReadOnlySpan<byte> source, ref int position, out FeatureValue value)
    {
        value = default;
        if (position >= source.Length)
            return false;
        var kind = (FeatureValueKind)source[position++];
        return TryReadPayload(source, ref position, kind, out value);
    }

    public static bool TryReadPayload(ReadOnlySpan<byte> source, ref int position, FeatureValueKind kind, out FeatureValue value)
    {
        value = default;
        switch (kind)
        {
            case FeatureValueKind.Null:
                return true;
            case FeatureValueKind.Int32:
                if (!VarInt.TryReadSigned(source, ref position, out var i32) || i32 is < int.MinValue or > int.MaxValue)
                    return false;
                value = FeatureValue.FromInt32((int)i32);
                return true;
            case FeatureValueKind.Int64:
                if (!VarInt.TryReadSigned(source, ref position, out var i64))
                    return false;
                value = FeatureValue.FromInt64(i64);
                return true;
            case FeatureValueKind.Float32:
                if (source.Length - position < 4)
                    return false;
                value = FeatureValue.FromRaw(kind, BinaryPrimitives.ReadInt32LittleEndian(source[position..]));
                position += 4;
                return true;
            case FeatureValueKind.Float64:
            case FeatureValueKind.Timestamp:
                if (source.Length - position < 8)
                    return false;
                var raw = BinaryPrimitives.ReadInt64LittleEndian(source[position..]);
                if (kind == FeatureValueKind.Timestamp && (ulong)raw > (ulong)DateTimeOffset.MaxValue.UtcTicks)
                    return false;
                value = FeatureValue.FromRaw(kind, raw);
                position += 8;
                return true;
            case FeatureValueKind.Bool:
                if (position >= source.Length || source[position] > 1)
                    return false;
                value = FeatureValue.FromBool(source[position++] == 1);
                return true;
            case FeatureValueKind.String:
                if (!TryReadLength(source, ref position, 1, out var stringLength))
                    return false;
                value = FeatureValue.FromString(System.Text.Encoding.UTF8.GetString(source.Slice(position, stringLength)));
                position += stringLength;
                return true;
            case FeatureValueKind.Bytes:
                if (!TryReadLength(source, ref position, 1, out var bytesLength))
                    return false;
                value = FeatureValue.FromBytes(source.Slice(position, bytesLength).ToArray());
                position += bytesLength;
                return true;
            case FeatureValueKind.Float32List:
                if (!TryReadList<float>(source, ref position, out var floats))
                    return false;
                value = FeatureValue.FromFloat32List(floats);
                return true;
            case FeatureValueKind.Float64List:
                if (!TryReadList<double>(source, ref position, out var doubles))
                    return false;
                value = FeatureValue.FromFloat64List(doubles);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Moves past one value after the same checks as <see cref="TryRead"/>, without building it.</summary>
    public static bool TrySkip(ReadOnlySpan<byte> source, ref int position)
    {
        if (position >= source.Length)
            return false;
        var kind = (FeatureValueKind)source[position++];
        var elementSize = kind switch
        {
            FeatureValueKind.String or FeatureValueKind.Bytes => 1,
            FeatureValueKind.Float32List => 4,
            FeatureValueKind.Float64List => 8,
            _ => 0,
        };
        if (elementSize == 0)
            return TryReadPayload(source, ref position, kind, out _); // scalars and null: nothing allocated
        if (!TryReadLength(source, ref position, elementSize, out var count))
            return false;
        position += count * elementSize;
        return true;
    }

    public static void WriteString(IBufferWriter<byte> writer, string text)
    {
        var length = System.Text.Encoding.UTF8.GetByteCount(text);
        VarInt.WriteUnsigned(writer, (ulong)length);
        System.Text.Encoding.UTF8.GetBytes(text, writer.GetSpan(length));
        writer.Advance(length);
    }

    public static void WriteBytes(IBufferWriter<byte> writer, ReadOnlySpan<byte> bytes)
    {
        VarInt.WriteUnsigned(writer, (ulong)bytes.Length);
        writer.Write(bytes);
    }

    private static void WriteList<T>(IBufferWriter<byte> writer, ReadOnlySpan<T> items) where T : unmanaged
    {
        VarInt.WriteUnsigned(writer, (ulong)items.Length);
        var bytes = MemoryMarshal.AsBytes(items);
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("the online value encoding assumes a little-endian machine");
        writer.Write(bytes);
    }

    private static bool TryReadList<T>(ReadOnlySpan<byte> source, ref int position, out T[] items) where T : unmanaged
    {
        items = [];
        var size = Marshal.SizeOf<T>();
        if (!TryReadLength(source, ref position, size, out var count))
            return false;
        items = MemoryMarshal.Cast<byte, T>(source.Slice(position, count * size)).ToArray();
        position += count * size;
        return true;
    }

    // Reads a varint count and checks that count * elementSize bytes follow.
    private static bool TryReadLength(ReadOnlySpan<byte> source, ref int position, int elementSize, out int count)
    {
        count = 0;
        if (!VarInt.TryReadUnsigned(source, ref position, out var raw) || raw > (ulong)(source.Length - position) / (ulong)elementSize)
            return false;
        count = (int)raw;
        return true;
    }
}
