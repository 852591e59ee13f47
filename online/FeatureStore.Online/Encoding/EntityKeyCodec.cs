using System.Buffers;

namespace FeatureStore.Online.Encoding;

/// <summary>The canonical encoding of an <see cref="EntityKey"/>: per part a kind byte then its payload.</summary>
internal static class EntityKeyCodec
{
    public static void WritePart(IBufferWriter<byte> writer, FeatureValue part, int index)
    {
        switch (part.Kind)
        {
            case FeatureValueKind.Int32:
            case FeatureValueKind.Int64:
                WriteKind(writer, part.Kind);
                VarInt.WriteSigned(writer, part.RawBits);
                break;
            case FeatureValueKind.String:
                WriteKind(writer, part.Kind);
                ValueCodec.WriteString(writer, part.AsString());
                break;
            case FeatureValueKind.Bytes:
                WriteKind(writer, part.Kind);
                ValueCodec.WriteBytes(writer, part.AsBytes().Span);
                break;
            default:
                throw new ArgumentException(
                    $"entity key part {index} is {part.Kind}; join keys are int32, int64, string or bytes and never null", nameof(part));
        }
    }

    /// <summary>Throws <see cref="FormatException"/> where <see cref="ReadParts"/> would, without building the parts.</summary>
    public static void Check(ReadOnlySpan<byte> encoded)
    {
        if (encoded.IsEmpty)
            throw new FormatException("entity key bytes are empty");
        var position = 0;
        while (position < encoded.Length)
        {
            var kind = (FeatureValueKind)encoded[position];
            if (!IsKeyKind(kind) || !ValueCodec.TrySkip(encoded, ref position))
                throw new FormatException($"entity key bytes are malformed at offset {position}");
        }
    }

    public static FeatureValue[] ReadParts(ReadOnlySpan<byte> encoded)
    {
        var parts = new List<FeatureValue>(2);
        var position = 0;
        while (position < encoded.Length)
        {
            var kind = (FeatureValueKind)encoded[position++];
            if (!IsKeyKind(kind) || !ValueCodec.TryReadPayload(encoded, ref position, kind, out var value))
                throw new FormatException($"entity key bytes are malformed at offset {position}");
            parts.Add(value);
        }
        if (parts.Count == 0)
            throw new FormatException("entity key bytes are empty");
        return [.. parts];
    }

    private static bool IsKeyKind(FeatureValueKind kind) =>
        kind is FeatureValueKind.Int32 or FeatureValueKind.Int64 or FeatureValueKind.String or FeatureValueKind.Bytes;

    private static void WriteKind(IBufferWriter<byte> writer, FeatureValueKind kind)
    {
        writer.GetSpan(1)[0] = (byte)kind;
        writer.Advance(1);
    }
}
