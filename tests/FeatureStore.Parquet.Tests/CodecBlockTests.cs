using System.Buffers;
using FeatureStore.Parquet.Compression;

namespace FeatureStore.Parquet.Tests;

/// <summary>Page bodies through the snappy (Snappier) and zstd (ZstdSharp) codecs: round trips, size checks, corrupt input.</summary>
public sealed class CodecBlockTests
{
    public static TheoryData<ParquetCompression, string, int> Inputs()
    {
        var data = new TheoryData<ParquetCompression, string, int>();
        foreach (var codec in new[] { ParquetCompression.Snappy, ParquetCompression.Zstd })
        {
            data.Add(codec, "empty", 0);
            data.Add(codec, "random", 100_000);
            data.Add(codec, "runs", 70_000);
            data.Add(codec, "short-period", 5_000);
            data.Add(codec, "text", 200_000);
            data.Add(codec, "tiny", 7);
            data.Add(codec, "long-literal-then-runs", 300_000);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Round_trips_and_compresses_repetitive_data(ParquetCompression codec, string kind, int length)
    {
        var input = Make(kind, length);

        var compressed = Compress(codec, input);
        var output = new byte[input.Length];
        PageCompression.Decompress(codec, compressed, output);

        Assert.Equal(input, output);
        if (kind is "runs" or "short-period")
        {
            Assert.True(compressed.Length < input.Length / 10, $"{kind} compressed to {compressed.Length} of {input.Length} bytes");
        }
    }

    [Fact]
    public void Zstd_level_is_applied_per_call_on_a_reused_context()
    {
        var input = Make("text", 200_000);

        var fast = Compress(ParquetCompression.Zstd, input, level: 1);
        var strong = Compress(ParquetCompression.Zstd, input, level: 19);
        var fastAgain = Compress(ParquetCompression.Zstd, input, level: 1);

        Assert.True(strong.Length < fast.Length, $"level 19 gave {strong.Length} bytes, level 1 gave {fast.Length}");
        Assert.Equal(fast, fastAgain);
    }

    [Theory]
    [InlineData(ParquetCompression.Snappy)]
    [InlineData(ParquetCompression.Zstd)]
    public void Page_size_different_from_the_compressed_content_is_rejected(ParquetCompression codec)
    {
        var compressed = Compress(codec, Make("text", 1000));

        var smaller = Assert.Throws<InvalidDataException>(() => PageCompression.Decompress(codec, compressed, new byte[999]));
        var larger = Assert.Throws<InvalidDataException>(() => PageCompression.Decompress(codec, compressed, new byte[1001]));

        Assert.Contains(codec.ToString(), smaller.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(codec.ToString(), larger.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Snappy_copy_before_the_start_of_the_output_is_rejected()
    {
        // Preamble 8, then a copy with a 1-byte offset (tag 0x05: length 5, offset 1) before anything was written.
        byte[] compressed = [8, 0x05, 0x01];

        var error = Assert.Throws<InvalidDataException>(() => PageCompression.Decompress(ParquetCompression.Snappy, compressed, new byte[8]));

        Assert.StartsWith("snappy", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ParquetCompression.Snappy)]
    [InlineData(ParquetCompression.Zstd)]
    public void Truncated_input_is_rejected(ParquetCompression codec)
    {
        var compressed = Compress(codec, Make("random", 500));

        var error = Assert.Throws<InvalidDataException>(() => PageCompression.Decompress(codec, compressed.AsSpan(0, compressed.Length - 10), new byte[500]));

        Assert.Contains(codec.ToString(), error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(ParquetCompression.Snappy)]
    [InlineData(ParquetCompression.Zstd)]
    public void Random_damage_gives_invalid_data_or_the_original_bytes(ParquetCompression codec)
    {
        var random = new Random(13);
        var output = new byte[20_000];
        var rejected = 0;
        for (var trial = 0; trial < 2_000; trial++)
        {
            var input = Make(trial % 2 == 0 ? "text" : "long-literal-then-runs", output.Length);
            var compressed = Compress(codec, input);
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                compressed[random.Next(compressed.Length)] ^= (byte)random.Next(1, 256);
            }

            var length = random.Next(3) == 0 ? random.Next(compressed.Length) : compressed.Length;
            try
            {
                PageCompression.Decompress(codec, compressed.AsSpan(0, length), output);
            }
            catch (InvalidDataException)
            {
                rejected++;
            }
        }

        Assert.True(rejected > 1_000, $"only {rejected} of 2000 damaged {codec} blocks were rejected");
    }

    private static byte[] Compress(ParquetCompression codec, byte[] input, int? level = null)
    {
        var output = new ArrayBufferWriter<byte>();
        var length = PageCompression.Compress(codec, input, output, level);
        Assert.Equal(output.WrittenCount, length);
        return output.WrittenSpan.ToArray();
    }

    private static byte[] Make(string kind, int length)
    {
        var random = new Random(length);
        var bytes = new byte[length];
        switch (kind)
        {
            case "random":
            case "tiny":
                random.NextBytes(bytes);
                break;
            case "runs":
                for (var i = 0; i < length; i++)
                {
                    bytes[i] = (byte)(i / 1000);
                }

                break;
            case "short-period":
                for (var i = 0; i < length; i++)
                {
                    bytes[i] = (byte)(i % 3);
                }

                break;
            case "long-literal-then-runs":
                random.NextBytes(bytes.AsSpan(0, length / 2));
                for (var i = length / 2; i < length; i++)
                {
                    bytes[i] = (byte)(i / 100_000);
                }

                break;
            case "text":
                for (var i = 0; i < length; i++)
                {
                    bytes[i] = (byte)"the quick brown fox jumps over the lazy dog "[(i * 7 + random.Next(3)) % 44];
                }

                break;
        }

        return bytes;
    }
}
