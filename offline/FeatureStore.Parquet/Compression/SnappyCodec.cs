namespace FeatureStore.Parquet.Compression;

/// <summary>Snappy raw blocks through Snappier, checked against the page header's sizes.</summary>
internal static class SnappyCodec
{
    public static int MaxCompressedLength(int length) => Snappier.Snappy.GetMaxCompressedLength(length);

    public static int Compress(ReadOnlySpan<byte> source, Span<byte> destination) => Snappier.Snappy.Compress(source, destination);

    /// <summary>Decompresses exactly <paramref name="destination"/>.Length bytes; malformed input throws <see cref="InvalidDataException"/>.</summary>
    public static void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int declared;
        try
        {
            declared = Snappier.Snappy.GetUncompressedLength(source);
        }
        catch (Exception ex) when (IsCorruption(ex))
        {
            throw Corrupt(ex);
        }

        if (declared != destination.Length)
        {
            throw new InvalidDataException($"snappy block declares {declared} bytes, page header says {destination.Length}");
        }

        int written;
        try
        {
            written = Snappier.Snappy.Decompress(source, destination);
        }
        catch (Exception ex) when (IsCorruption(ex))
        {
            throw Corrupt(ex);
        }

        if (written != destination.Length)
        {
            throw new InvalidDataException($"snappy produced {written} bytes, page header says {destination.Length}");
        }
    }

    // Snappier reports malformed blocks as InvalidDataException, and a block larger than its declared size as ArgumentException.
    private static bool IsCorruption(Exception ex) => ex is InvalidDataException or ArgumentException or IndexOutOfRangeException or OverflowException;

    private static InvalidDataException Corrupt(Exception ex) => new($"snappy data is corrupt: {ex.Message}", ex);
}
