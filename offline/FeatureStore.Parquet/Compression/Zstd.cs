using System.Runtime.InteropServices;

namespace FeatureStore.Parquet.Compression;

/// <summary>Thin P/Invoke over the system libzstd.so.1 (Debian package libzstd1).</summary>
internal static unsafe partial class Zstd
{
    private const string Library = "libzstd.so.1";
    private const ulong ContentSizeUnknown = ulong.MaxValue;
    private const ulong ContentSizeError = ulong.MaxValue - 1;

    public const int DefaultLevel = 3;

    /// <summary>Decompresses exactly <paramref name="destination"/>.Length bytes.</summary>
    public static void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        nuint written;
        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            written = ZSTD_decompress(dst, (nuint)destination.Length, src, (nuint)source.Length);
        }

        if (ZSTD_isError(written) != 0)
        {
            throw new InvalidDataException($"zstd decompression failed: {ErrorName(written)}");
        }

        if (written != (nuint)destination.Length)
        {
            throw new InvalidDataException($"zstd produced {written} bytes, page header says {destination.Length}");
        }
    }

    /// <summary>The frame's declared content size, or null when unknown.</summary>
    public static long? FrameContentSize(ReadOnlySpan<byte> source)
    {
        ulong size;
        fixed (byte* src = source)
        {
            size = ZSTD_getFrameContentSize(src, (nuint)source.Length);
        }

        return size is ContentSizeUnknown or ContentSizeError || size > long.MaxValue ? null : (long)size;
    }

    public static int CompressBound(int length) => checked((int)ZSTD_compressBound((nuint)length));

    /// <summary>Compresses into <paramref name="destination"/> (at least <see cref="CompressBound"/> long); returns bytes written.</summary>
    public static int Compress(ReadOnlySpan<byte> source, Span<byte> destination, int level)
    {
        nuint written;
        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            written = ZSTD_compress(dst, (nuint)destination.Length, src, (nuint)source.Length, level);
        }

        if (ZSTD_isError(written) != 0)
        {
            throw new InvalidDataException($"zstd compression failed: {ErrorName(written)}");
        }

        return (int)written;
    }

    private static string ErrorName(nuint code) => Marshal.PtrToStringAnsi((IntPtr)ZSTD_getErrorName(code)) ?? "unknown error";

    [LibraryImport(Library)]
    private static partial nuint ZSTD_decompress(byte* dst, nuint dstCapacity, byte* src, nuint compressedSize);

    [LibraryImport(Library)]
    private static partial nuint ZSTD_compress(byte* dst, nuint dstCapacity, byte* src, nuint srcSize, int compressionLevel);

    [LibraryImport(Library)]
    private static partial ulong ZSTD_getFrameContentSize(byte* src, nuint srcSize);

    [LibraryImport(Library)]
    private static partial nuint ZSTD_compressBound(nuint srcSize);

    [LibraryImport(Library)]
    private static partial uint ZSTD_isError(nuint code);

    [LibraryImport(Library)]
    private static partial byte* ZSTD_getErrorName(nuint code);
}
