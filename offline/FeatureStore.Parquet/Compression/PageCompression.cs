using System.Buffers;
using System.IO.Compression;

namespace FeatureStore.Parquet.Compression;

/// <summary>Compresses and decompresses page bodies. Failures throw <see cref="InvalidDataException"/>.</summary>
internal static class PageCompression
{
    /// <summary>Decompresses <paramref name="source"/> into exactly <paramref name="destination"/>.Length bytes.</summary>
    public static void Decompress(ParquetCompression codec, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        switch (codec)
        {
            case ParquetCompression.None:
                if (source.Length != destination.Length)
                {
                    throw new InvalidDataException($"uncompressed page is {source.Length} bytes, header says {destination.Length}");
                }

                source.CopyTo(destination);
                break;
            case ParquetCompression.Snappy:
                SnappyCodec.Decompress(source, destination);
                break;
            case ParquetCompression.Gzip:
                GzipDecompress(source, destination);
                break;
            case ParquetCompression.Zstd:
                ZstdCodec.Decompress(source, destination);
                break;
            case ParquetCompression.Brotli:
                if (!BrotliDecoder.TryDecompress(source, destination, out var written) || written != destination.Length)
                {
                    throw new InvalidDataException("brotli decompression failed or produced the wrong size");
                }

                break;
            default:
                throw new InvalidDataException($"codec {CodecNames.Of((int)codec)} is not supported");
        }
    }

    /// <summary>Compresses <paramref name="source"/> and appends it to <paramref name="output"/>; returns the compressed length.</summary>
    public static int Compress(ParquetCompression codec, ReadOnlySpan<byte> source, ArrayBufferWriter<byte> output, int? level)
    {
        var before = output.WrittenCount;
        switch (codec)
        {
            case ParquetCompression.None:
                output.Write(source);
                break;
            case ParquetCompression.Snappy:
                {
                    var span = output.GetSpan(SnappyCodec.MaxCompressedLength(source.Length));
                    output.Advance(SnappyCodec.Compress(source, span));
                    break;
                }

            case ParquetCompression.Gzip:
                GzipCompress(source, output, level);
                break;
            case ParquetCompression.Zstd:
                {
                    var span = output.GetSpan(ZstdCodec.CompressBound(source.Length));
                    output.Advance(ZstdCodec.Compress(source, span, level ?? ZstdCodec.DefaultLevel));
                    break;
                }

            case ParquetCompression.Brotli:
                {
                    var span = output.GetSpan(BrotliEncoder.GetMaxCompressedLength(source.Length));
                    if (!BrotliEncoder.TryCompress(source, span, out var written, level ?? 4, 22))
                    {
                        throw new InvalidDataException("brotli compression failed");
                    }

                    output.Advance(written);
                    break;
                }

            default:
                throw new ArgumentException($"codec {CodecNames.Of((int)codec)} is not supported for writing", nameof(codec));
        }

        return output.WrittenCount - before;
    }

    private static unsafe void GzipDecompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        fixed (byte* src = source)
        {
            using var input = new UnmanagedMemoryStream(src, source.Length);
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            var filled = 0;
            while (filled < destination.Length)
            {
                var read = gzip.Read(destination[filled..]);
                if (read == 0)
                {
                    throw new InvalidDataException($"gzip produced {filled} bytes, page header says {destination.Length}");
                }

                filled += read;
            }

            Span<byte> probe = stackalloc byte[1];
            if (gzip.Read(probe) != 0)
            {
                throw new InvalidDataException($"gzip data is longer than the {destination.Length} bytes the page header says");
            }
        }
    }

    private static void GzipCompress(ReadOnlySpan<byte> source, ArrayBufferWriter<byte> output, int? level)
    {
        var compressionLevel = level switch
        {
            null => CompressionLevel.Optimal,
            <= 0 => CompressionLevel.NoCompression,
            <= 3 => CompressionLevel.Fastest,
            >= 9 => CompressionLevel.SmallestSize,
            _ => CompressionLevel.Optimal,
        };
        using var buffer = new MemoryStream(source.Length / 2 + 64);
        using (var gzip = new GZipStream(buffer, compressionLevel, leaveOpen: true))
        {
            gzip.Write(source);
        }

        output.Write(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }
}
