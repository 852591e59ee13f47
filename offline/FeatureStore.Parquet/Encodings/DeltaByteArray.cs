using System.Buffers;

namespace FeatureStore.Parquet.Encodings;

/// <summary>
/// DELTA_BYTE_ARRAY (encoding 7), front compression: DELTA_BINARY_PACKED prefix lengths (shared with the
/// previous value), then the suffixes as DELTA_LENGTH_BYTE_ARRAY.
/// </summary>
internal static class DeltaByteArray
{
    private const string Name = "DELTA_BYTE_ARRAY";

    /// <summary>Decodes count values into offsets (count + 1 entries, offsets[0] = 0) over one byte array.</summary>
    public static void Decode(ReadOnlySpan<byte> data, int count, out int[] offsets, out byte[] bytes, out int consumed)
    {
        ByteArrayOffsets.RequireAllocatable(count, Name);
        if (count == 0 && data.IsEmpty)
        {
            offsets = [0];
            bytes = [];
            consumed = 0;
            return;
        }

        int[] prefixes = new int[count];
        DeltaBinaryPacked.DecodeExactInt32(data, prefixes, $"{Name} prefix lengths", out int prefixBytes);
        DeltaLengthByteArray.Decode(data[prefixBytes..], count, out int[] suffixOffsets, out byte[] suffixes, out int suffixBytes);
        offsets = BuildOffsets(prefixes, suffixOffsets);
        bytes = new byte[offsets[count]];
        for (int i = 0; i < count; i++)
        {
            int start = offsets[i];
            if (prefixes[i] > 0)
            {
                bytes.AsSpan(offsets[i - 1], prefixes[i]).CopyTo(bytes.AsSpan(start));
            }

            suffixes.AsSpan(suffixOffsets[i], suffixOffsets[i + 1] - suffixOffsets[i]).CopyTo(bytes.AsSpan(start + prefixes[i]));
        }

        consumed = prefixBytes + suffixBytes;
    }

    /// <summary>Encodes the values bytes[offsets[i]..offsets[i + 1]] for i in 0..offsets.Length - 2.</summary>
    public static void Encode(ReadOnlySpan<int> offsets, ReadOnlySpan<byte> bytes, IBufferWriter<byte> output)
    {
        int count = ByteArrayOffsets.Validate(offsets, bytes.Length);
        int[] prefixes = ArrayPool<int>.Shared.Rent(Math.Max(count, 1));
        int[] suffixLengths = ArrayPool<int>.Shared.Rent(Math.Max(count, 1));
        try
        {
            ReadOnlySpan<byte> previous = [];
            for (int i = 0; i < count; i++)
            {
                ReadOnlySpan<byte> value = bytes[offsets[i]..offsets[i + 1]];
                prefixes[i] = value.CommonPrefixLength(previous);
                suffixLengths[i] = value.Length - prefixes[i];
                previous = value;
            }

            DeltaBinaryPacked.EncodeInt32(prefixes.AsSpan(0, count), output);
            DeltaBinaryPacked.EncodeInt32(suffixLengths.AsSpan(0, count), output);
            for (int i = 0; i < count; i++)
            {
                output.Write(bytes.Slice(offsets[i] + prefixes[i], suffixLengths[i]));
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(prefixes);
            ArrayPool<int>.Shared.Return(suffixLengths);
        }
    }

    private static int[] BuildOffsets(int[] prefixes, int[] suffixOffsets)
    {
        int[] offsets = new int[prefixes.Length + 1];
        long total = 0;
        int previousLength = 0;
        for (int i = 0; i < prefixes.Length; i++)
        {
            int prefix = prefixes[i];
            if (prefix < 0 || prefix > previousLength)
            {
                throw new InvalidDataException($"{Name} value {i} has prefix length {prefix}, outside 0..{previousLength} (the previous value's length).");
            }

            previousLength = prefix + suffixOffsets[i + 1] - suffixOffsets[i];
            total += previousLength;
            if (total > Array.MaxLength)
            {
                throw new InvalidDataException($"{Name} values decode to more than {Array.MaxLength} bytes (at value {i}).");
            }

            offsets[i + 1] = (int)total;
        }

        return offsets;
    }
}
