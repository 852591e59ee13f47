namespace FeatureStore.Parquet.Tests.Fuzz;

/// <summary>
/// Targeted corruptions not covered by ReaderErrorTests (the core's own): each fails with a one-line
/// <see cref="ParquetException"/> naming the file, and for page damage the column and row group.
/// </summary>
public sealed class CorruptInputTests : IDisposable
{
    private const int FirstPageOffset = 4; // right after the leading "PAR1" magic
    private readonly string _directory = Directory.CreateTempSubdirectory("fs-parquet-corrupt-").FullName;

    [Fact]
    public void BadTrailingMagicNamesTheFile()
    {
        var bytes = ValidFile(ParquetCompression.None, dictionary: false);
        "XXXX"u8.CopyTo(bytes.AsSpan(bytes.Length - 4));
        AssertFileError(Save("bad-magic.parquet", bytes));
    }

    [Fact]
    public void CompressedPageSizePastTheChunkNamesColumnAndRowGroup()
    {
        var bytes = ValidFile(ParquetCompression.None, dictionary: false);
        PageHeaderPatch.Apply(bytes, FirstPageOffset, h =>
        {
            h.CompressedPageSize = PageHeaderPatch.LargestWithSameEncodedSize(h.CompressedPageSize);
            Assert.True(h.CompressedPageSize > bytes.Length, "the patched size must reach past the end of the file");
        });
        AssertPageError(Save("page-size.parquet", bytes));
    }

    [Fact]
    public void UncompressedPageSizeTooSmallNamesColumnAndRowGroup()
    {
        var bytes = ValidFile(ParquetCompression.Snappy, dictionary: false);
        PageHeaderPatch.Apply(bytes, FirstPageOffset, h => h.UncompressedPageSize -= 5);
        AssertPageError(Save("uncompressed-size.parquet", bytes));
    }

    [Theory]
    [InlineData(ParquetCompression.Gzip, "gzip")]
    [InlineData(ParquetCompression.Snappy, "snappy")]
    [InlineData(ParquetCompression.Zstd, "zstd")]
    public void FailedDecompressionNamesCodecColumnAndRowGroup(ParquetCompression compression, string codec)
    {
        var bytes = ValidFile(compression, dictionary: false);
        var (header, headerLength) = PageHeaderPatch.Read(bytes, FirstPageOffset);
        // Keep the first 4 bytes (snappy's length preamble, the gzip/zstd magic) so the codec itself must reject the body.
        bytes.AsSpan(FirstPageOffset + headerLength + 4, header.CompressedPageSize - 4).Fill(0xEE);
        var error = AssertPageError(Save($"bad-{codec}.parquet", bytes));
        Assert.Contains(codec, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>One required Int64 column "x" of 400 rows, one row group, one data page first in the file.</summary>
    private static byte[] ValidFile(ParquetCompression compression, bool dictionary)
    {
        var schema = new ParquetSchema(new ParquetField("x", ParquetType.Int64, Nullable: false));
        var values = Enumerable.Range(0, 400).Select(i => (long)(i % 4) * 1_000_003).ToArray();
        using var stream = new MemoryStream();
        using (var writer = ParquetFileWriter.Create(stream, schema, new ParquetWriteOptions { Compression = compression, DictionaryEncoding = dictionary }, leaveOpen: true))
        {
            writer.WriteBatch(new RecordBatch(schema, [new Int64Column(values)], values.Length));
        }

        return stream.ToArray();
    }

    private string Save(string name, byte[] bytes)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static void AssertFileError(string path)
    {
        var error = Assert.Throws<ParquetException>(() =>
        {
            using var reader = ParquetFileReader.Open(path);
            reader.ReadAll();
        });
        Assert.Contains(Path.GetFileName(path), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    private static ParquetException AssertPageError(string path)
    {
        using var reader = ParquetFileReader.Open(path);
        var error = Assert.Throws<ParquetException>(() => reader.ReadRowGroup(0));
        Assert.Equal(("x", 0), (error.Column, error.RowGroup));
        Assert.Contains("column 'x'", error.Message, StringComparison.Ordinal);
        Assert.Contains("row group 0", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(path), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        return error;
    }
}
