using System.Buffers;
using FeatureStore.Parquet.Format;
using FeatureStore.Parquet.Thrift;

namespace FeatureStore.Parquet.Tests.Fuzz;

/// <summary>Rewrites one page header inside a file's bytes (the re-encoded header must keep its length so offsets stay valid).</summary>
internal static class PageHeaderPatch
{
    /// <summary>Decodes the page header at <paramref name="offset"/>; returns it and its encoded length.</summary>
    public static (PageHeader Header, int Length) Read(byte[] file, int offset)
    {
        var reader = new CompactReader(file.AsSpan(offset), maxDepth: 16);
        var header = PageHeader.Read(ref reader);
        return (header, reader.Position);
    }

    /// <summary>The largest i32 whose zigzag varint takes as many bytes as <paramref name="value"/>'s (so a header keeps its length).</summary>
    public static int LargestWithSameEncodedSize(int value)
    {
        var zigzag = (uint)value << 1;
        var bytes = 1;
        while (zigzag >= 0x80)
        {
            zigzag >>= 7;
            bytes++;
        }

        return bytes >= 5 ? int.MaxValue : (int)(((1L << (7 * bytes)) - 1) >> 1);
    }

    public static void Apply(byte[] file, int offset, Action<PageHeader> change)
    {
        var (header, length) = Read(file, offset);
        change(header);
        var output = new ArrayBufferWriter<byte>();
        header.Write(new CompactWriter(output));
        Assert.True(output.WrittenCount == length, $"patched page header is {output.WrittenCount} bytes, original {length}: pick a value of the same varint size");
        output.WrittenSpan.CopyTo(file.AsSpan(offset));
    }
}
