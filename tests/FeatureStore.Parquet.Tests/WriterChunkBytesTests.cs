using FeatureStore.Parquet.Writing;

namespace FeatureStore.Parquet.Tests;

/// <summary><see cref="ChunkBytes"/>: writes of any size land in order across its pooled segments, and a released buffer is refused.</summary>
public sealed class WriterChunkBytesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4093)]
    [InlineData(65_536)]
    [InlineData(700_001)]
    public void Bytes_written_in_pieces_of_any_size_come_back_in_order(int pieceBytes)
    {
        var expected = new byte[3_500_000];
        new Random(7).NextBytes(expected);
        var buffer = new ChunkBytes();
        for (var offset = 0; offset < expected.Length; offset += pieceBytes)
        {
            buffer.Write(expected.AsSpan(offset, Math.Min(pieceBytes, expected.Length - offset)));
        }

        using var copy = new MemoryStream();
        buffer.CopyTo(copy);

        Assert.Equal(expected.Length, buffer.Length);
        Assert.Equal(expected, copy.ToArray());
        buffer.Release();
    }

    [Fact]
    public void A_released_buffer_can_be_neither_written_nor_copied()
    {
        var buffer = new ChunkBytes();
        buffer.Write([1, 2, 3]);
        buffer.Release();
        buffer.Release();

        Assert.Throws<ObjectDisposedException>(() => buffer.Write([4]));
        Assert.Throws<ObjectDisposedException>(() => buffer.CopyTo(Stream.Null));
    }
}
