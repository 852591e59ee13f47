using FeatureStore.Parquet.Compression;

namespace FeatureStore.Parquet.Tests;

public sealed class CodecSnappyTests
{
    public static TheoryData<string, int> Inputs() => new()
    {
        { "empty", 0 },
        { "random", 100_000 },
        { "runs", 70_000 },
        { "short-period", 5_000 },
        { "text", 200_000 },
        { "tiny", 7 },
        { "long-literal-then-runs", 300_000 },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Own_decoder_reads_what_IronSnappy_encodes(string kind, int length)
    {
        var input = Make(kind, length);
        var compressed = IronSnappy.Snappy.Encode(input);
        var output = new byte[input.Length];

        SnappyDecoder.Decompress(compressed, output);

        Assert.Equal(input, output);
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Own_encoder_output_is_read_by_IronSnappy_and_by_the_own_decoder(string kind, int length)
    {
        var input = Make(kind, length);
        var buffer = new byte[SnappyEncoder.MaxCompressedLength(input.Length)];

        var compressedLength = SnappyEncoder.Compress(input, buffer);
        var compressed = buffer.AsSpan(0, compressedLength);
        var output = new byte[input.Length];
        SnappyDecoder.Decompress(compressed, output);

        Assert.Equal(input, IronSnappy.Snappy.Decode(compressed));
        Assert.Equal(input, output);
        if (kind is "runs" or "short-period")
        {
            Assert.True(compressedLength < input.Length / 10, $"{kind} compressed to {compressedLength} of {input.Length} bytes");
        }
    }

    [Fact]
    public void Declared_length_different_from_the_page_size_is_rejected()
    {
        var compressed = IronSnappy.Snappy.Encode(Make("text", 1000));

        Assert.Throws<InvalidDataException>(() => SnappyDecoder.Decompress(compressed, new byte[999]));
    }

    [Fact]
    public void Copy_before_the_start_of_the_output_is_rejected()
    {
        // Preamble 8, then a copy with a 1-byte offset (tag 0x05: length 5, offset 1) before anything was written.
        byte[] compressed = [8, 0x05, 0x01];

        Assert.Throws<InvalidDataException>(() => SnappyDecoder.Decompress(compressed, new byte[8]));
    }

    [Fact]
    public void Truncated_literal_is_rejected()
    {
        var compressed = IronSnappy.Snappy.Encode(Make("random", 500));

        Assert.Throws<InvalidDataException>(() => SnappyDecoder.Decompress(compressed.AsSpan(0, compressed.Length - 10), new byte[500]));
    }

    private static byte[] Make(string kind, int length)
    {
        var random = new Random(length);
        var bytes = new byte[length];
        switch (kind)
        {
            case "random":
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
            case "tiny":
                random.NextBytes(bytes);
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
