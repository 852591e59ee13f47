using System.Buffers;
using System.Buffers.Binary;
using FeatureStore.Parquet.Format;
using FeatureStore.Parquet.Thrift;

namespace FeatureStore.Parquet.Tests;

/// <summary>Writes small files and rewrites their footers or page headers, for the reader error tests.</summary>
internal static class CodecTestFiles
{
    public static readonly ParquetSchema SmallSchema = new(
        new ParquetField("id", ParquetType.Int64, Nullable: false),
        new ParquetField("name", ParquetType.String),
        new ParquetField("score", ParquetType.Double));

    public static RecordBatch SmallBatch(int rows)
    {
        var ids = new long[rows];
        var names = new string?[rows];
        var scores = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            ids[i] = i;
            names[i] = i % 4 == 0 ? null : $"name{i % 5}";
            scores[i] = i * 0.5;
        }

        return new RecordBatch(SmallSchema, [new Int64Column(ids), BinaryColumn.FromStrings(names), new DoubleColumn(scores)], rows);
    }

    public static string WriteSmall(string directory, string name = "small.parquet", ParquetWriteOptions? options = null, int rows = 100)
    {
        var path = Path.Combine(directory, name);
        using var writer = ParquetFileWriter.Create(path, SmallSchema, options);
        writer.WriteBatch(SmallBatch(rows));
        return path;
    }

    /// <summary>Parses the footer, lets the caller change it, and writes it back (length and magic updated).</summary>
    public static void RewriteFooter(string path, Action<FileMetaData> change)
    {
        var bytes = File.ReadAllBytes(path);
        var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 8));
        var footerStart = bytes.Length - 8 - length;
        var reader = new CompactReader(bytes.AsSpan(footerStart, length), 64);
        var metadata = FileMetaData.Read(ref reader);
        change(metadata);
        metadata.TypeDefinedColumnOrders = metadata.Schema.Count - 1;
        var output = new ArrayBufferWriter<byte>();
        metadata.Write(new CompactWriter(output));
        using var stream = File.Create(path);
        stream.Write(bytes.AsSpan(0, footerStart));
        stream.Write(output.WrittenSpan);
        Span<byte> tail = stackalloc byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(tail, output.WrittenCount);
        "PAR1"u8.CopyTo(tail[4..]);
        stream.Write(tail);
    }

    public static FileMetaData ReadFooter(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 8));
        var reader = new CompactReader(bytes.AsSpan(bytes.Length - 8 - length, length), 64);
        return FileMetaData.Read(ref reader);
    }

    /// <summary>Re-encodes the page header at an offset after a change; the new header must keep its byte length.</summary>
    public static void RewritePageHeader(string path, long offset, Action<PageHeader> change)
    {
        var bytes = File.ReadAllBytes(path);
        var reader = new CompactReader(bytes.AsSpan((int)offset), 64);
        var header = PageHeader.Read(ref reader);
        var originalLength = reader.Position;
        change(header);
        var output = new ArrayBufferWriter<byte>();
        header.Write(new CompactWriter(output));
        Assert.Equal(originalLength, output.WrittenCount);
        output.WrittenSpan.CopyTo(bytes.AsSpan((int)offset));
        File.WriteAllBytes(path, bytes);
    }
}
