namespace FeatureStore.Parquet.Encodings;

/// <summary>Checks the (offsets, bytes) shape the byte-array encoders take: count+1 non-decreasing offsets into bytes.</summary>
internal static class ByteArrayOffsets
{
    /// <summary>Returns the value count (offsets.Length - 1, or 0 for empty offsets).</summary>
    public static int Validate(ReadOnlySpan<int> offsets, int byteLength)
    {
        if (offsets.IsEmpty)
        {
            return 0;
        }

        if (offsets[0] < 0 || offsets[^1] > byteLength)
        {
            throw new ArgumentException($"Offsets must lie within 0..{byteLength}; got {offsets[0]}..{offsets[^1]}.", nameof(offsets));
        }

        for (int i = 1; i < offsets.Length; i++)
        {
            if (offsets[i] < offsets[i - 1])
            {
                throw new ArgumentException($"Offsets must not decrease; offsets[{i}] = {offsets[i]} < {offsets[i - 1]}.", nameof(offsets));
            }
        }

        return offsets.Length - 1;
    }

    /// <summary>Rejects counts whose offsets array (count + 1 entries) could not be allocated.</summary>
    public static void RequireAllocatable(int count, string encoding)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count >= Array.MaxLength)
        {
            throw new InvalidDataException($"{encoding} value count {count} is too large to decode.");
        }
    }
}
