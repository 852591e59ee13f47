using System.Buffers;

namespace FeatureStore.Parquet.Encodings;

/// <summary>DELTA_LENGTH_BYTE_ARRAY (encoding 6): DELTA_BINARY_PACKED lengths, then all bytes back to back.</summary>
internal static class DeltaLengthByteArray
{
    private const string Name = "DELTA_LENGTH_BYTE_ARRAY";

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

        offsets = new int[count + 1];
        DeltaBinaryPacked.DecodeExactInt32(data, offsets.AsSpan(1), $"{Name} lengths", out int lengthBytes);
        int available = data.Length - lengthBytes;
        long total = 0;
        for (int i = 1; i <= count; i++)
        {
            int length = offsets[i];
            if (length < 0)
            {
                throw new InvalidDataException($"{Name} value {i - 1} has negative length {length}.");
            }

            total += length;
            if (total > available)
            {
                throw new InvalidDataException($"{Name} value {i - 1} runs past the end of the data: {total} bytes needed after the lengths, {available} present.");
            }

            offsets[i] = (int)total;
        }

        bytes = data.Slice(lengthBytes, (int)total).ToArray();
        consumed = lengthBytes + (int)total;
    }

    /// <summary>Encodes the values bytes[offsets[i]..offsets[i + 1]] for i in 0..offsets.Length - 2.</summary>
    public static void Encode(ReadOnlySpan<int> offsets, ReadOnlySpan<byte> bytes, IBufferWriter<byte> output)
    {
        int count = ByteArrayOffsets.Validate(offsets, bytes.Length);
        int[] lengths = ArrayPool<int>.Shared.Rent(Math.Max(count, 1));
        try
        {
            for (int i = 0; i < count; i++)
            {
                lengths[i] = offsets[i + 1] - offsets[i];
            }

            DeltaBinaryPacked.EncodeInt32(lengths.AsSpan(0, count), output);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(lengths);
        }

        if (count > 0)
        {
            output.Write(bytes[offsets[0]..offsets[count]]);
        }
    }
}
