using ZstdSharp;

namespace FeatureStore.Parquet.Compression;

/// <summary>
/// Zstandard frames through ZstdSharp. Each thread keeps one compression and one decompression context: a context
/// allocates its working memory on first use, which would otherwise be repeated for every page.
/// </summary>
internal static class ZstdCodec
{
    public const int DefaultLevel = 3;

    [ThreadStatic]
    private static Compressor? _compressor;

    [ThreadStatic]
    private static Decompressor? _decompressor;

    public static int CompressBound(int length) => Compressor.GetCompressBound(length);

    /// <summary>Compresses into <paramref name="destination"/> (at least <see cref="CompressBound"/> long); returns bytes written.</summary>
    public static int Compress(ReadOnlySpan<byte> source, Span<byte> destination, int level)
    {
        var compressor = _compressor ??= new Compressor(level);
        try
        {
            compressor.Level = level;
            return compressor.Wrap(source, destination);
        }
        catch (ZstdException ex)
        {
            throw new ArgumentException($"zstd compression at level {level} failed: {ex.Message}", nameof(level), ex);
        }
    }

    /// <summary>Decompresses exactly <paramref name="destination"/>.Length bytes; malformed input throws <see cref="InvalidDataException"/>.</summary>
    public static void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var decompressor = _decompressor ??= new Decompressor();
        int written;
        try
        {
            written = decompressor.Unwrap(source, destination);
        }
        catch (ZstdException ex)
        {
            throw new InvalidDataException($"zstd decompression failed: {ex.Message}", ex);
        }

        if (written != destination.Length)
        {
            throw new InvalidDataException($"zstd produced {written} bytes, page header says {destination.Length}");
        }
    }
}
