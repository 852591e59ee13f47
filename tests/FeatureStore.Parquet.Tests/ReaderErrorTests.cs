using FeatureStore.Parquet.Format;

namespace FeatureStore.Parquet.Tests;

public sealed class ReaderErrorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fs-parquet-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Truncated_file_is_a_ParquetException_naming_the_file()
    {
        var path = CodecTestFiles.WriteSmall(_directory);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<ParquetException>(() => ParquetFileReader.Open(path));

        Assert.Equal(path, error.File);
        Assert.Contains("small.parquet", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void File_shorter_than_the_minimum_is_rejected()
    {
        var path = Path.Combine(_directory, "tiny.parquet");
        File.WriteAllBytes(path, "PAR1PAR1"u8.ToArray());

        var error = Assert.Throws<ParquetException>(() => ParquetFileReader.Open(path));

        Assert.Contains("too short", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_leading_magic_is_rejected()
    {
        var path = CodecTestFiles.WriteSmall(_directory);
        var bytes = File.ReadAllBytes(path);
        bytes[0] = (byte)'X';
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<ParquetException>(() => ParquetFileReader.Open(path));

        Assert.Contains("bad magic", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Footer_length_past_the_start_of_the_file_is_rejected()
    {
        var path = CodecTestFiles.WriteSmall(_directory);
        var bytes = File.ReadAllBytes(path);
        BitConverter.TryWriteBytes(bytes.AsSpan(bytes.Length - 8), bytes.Length);
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<ParquetException>(() => ParquetFileReader.Open(path));

        Assert.Contains("footer length", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_footer_thrift_is_a_ParquetException()
    {
        var path = CodecTestFiles.WriteSmall(_directory);
        var bytes = File.ReadAllBytes(path);
        var footerLength = BitConverter.ToInt32(bytes, bytes.Length - 8);
        bytes.AsSpan(bytes.Length - 8 - footerLength, footerLength).Fill(0xFF);
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<ParquetException>(() => ParquetFileReader.Open(path));

        Assert.Equal(path, error.File);
    }

    [Fact]
    public void Unsupported_codec_names_the_codec_column_row_group_and_file()
    {
        var path = CodecTestFiles.WriteSmall(_directory, options: new ParquetWriteOptions { Compression = ParquetCompression.None });
        CodecTestFiles.RewriteFooter(path, footer => footer.RowGroups[0].Columns[1].MetaData!.Codec = (int)ParquetCompression.Lz4Raw);
        using var reader = ParquetFileReader.Open(path);

        Assert.Equal(ParquetCompression.Lz4Raw, reader.RowGroups[0].Column("name")!.Codec);
        var error = Assert.Throws<ParquetException>(() => reader.ReadRowGroup(0));

        Assert.Equal("codec LZ4_RAW is not supported (column 'name', row group 0, file small.parquet)", error.Message);
        Assert.Equal("name", error.Column);
        Assert.Equal(0, error.RowGroup);
        Assert.Equal(100, ((Int64Column)reader.ReadRowGroup(0, ["id"])["id"]).Length);
    }

    [Fact]
    public void Dictionary_index_out_of_range_is_a_ParquetException()
    {
        var path = CodecTestFiles.WriteSmall(_directory, options: new ParquetWriteOptions { Compression = ParquetCompression.None });
        var meta = CodecTestFiles.ReadFooter(path).RowGroups[0].Columns[1].MetaData!;
        Assert.NotNull(meta.DictionaryPageOffset);
        CodecTestFiles.RewritePageHeader(path, meta.DictionaryPageOffset!.Value, header => header.DictionaryPageHeader!.NumValues = 2);
        using var reader = ParquetFileReader.Open(path);

        var error = Assert.Throws<ParquetException>(() => reader.ReadRowGroup(0, ["name"]));

        Assert.Contains("dictionary index", error.Message, StringComparison.Ordinal);
        Assert.Equal("name", error.Column);
    }

    [Fact]
    public void Page_size_past_the_column_chunk_is_a_ParquetException()
    {
        var path = CodecTestFiles.WriteSmall(_directory, options: new ParquetWriteOptions { Compression = ParquetCompression.None, DictionaryEncoding = false });
        var meta = CodecTestFiles.ReadFooter(path).RowGroups[0].Columns[0].MetaData!;
        CodecTestFiles.RewritePageHeader(path, meta.DataPageOffset, header => header.CompressedPageSize += 1);
        using var reader = ParquetFileReader.Open(path);

        var error = Assert.Throws<ParquetException>(() => reader.ReadRowGroup(0, ["id"]));

        Assert.Contains("compressed bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupt_snappy_page_is_a_ParquetException()
    {
        var path = CodecTestFiles.WriteSmall(_directory, options: new ParquetWriteOptions { DictionaryEncoding = false });
        var meta = CodecTestFiles.ReadFooter(path).RowGroups[0].Columns[2].MetaData!;
        var bytes = File.ReadAllBytes(path);
        var chunkEnd = meta.DataPageOffset + meta.TotalCompressedSize;
        bytes.AsSpan((int)(chunkEnd - 40), 40).Fill(0xEE);
        File.WriteAllBytes(path, bytes);
        using var reader = ParquetFileReader.Open(path);

        var error = Assert.Throws<ParquetException>(() => reader.ReadRowGroup(0, ["score"]));

        Assert.Equal("score", error.Column);
    }

    [Fact]
    public void Sizes_over_MaxAllocationBytes_are_refused_before_allocating()
    {
        var path = CodecTestFiles.WriteSmall(_directory, rows: 5000);
        using var reader = ParquetFileReader.Open(path, new ParquetReadOptions { MaxAllocationBytes = 1000 });

        var error = Assert.Throws<ParquetException>(() => reader.ReadRowGroup(0, ["id"]));

        Assert.Contains("limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Row_count_larger_than_the_pages_hold_is_a_ParquetException()
    {
        var path = CodecTestFiles.WriteSmall(_directory);
        CodecTestFiles.RewriteFooter(path, footer => footer.RowGroups[0].NumRows = 150);
        using var reader = ParquetFileReader.Open(path);

        var error = Assert.Throws<ParquetException>(() => reader.ReadRowGroup(0, ["id"]));

        Assert.Contains("rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_and_unknown_column_are_ParquetExceptions()
    {
        Assert.Throws<ParquetException>(() => ParquetFileReader.Open(Path.Combine(_directory, "missing.parquet")));
        var path = CodecTestFiles.WriteSmall(_directory);
        using var reader = ParquetFileReader.Open(path);

        var error = Assert.Throws<ParquetException>(() => reader.ReadRowGroup(0, ["nope"]));

        Assert.Equal("nope", error.Column);
    }

    [Fact]
    public void Unsupported_nested_columns_are_listed_and_other_columns_still_read()
    {
        var path = CodecTestFiles.WriteSmall(_directory);
        CodecTestFiles.RewriteFooter(path, footer =>
        {
            // Wrap 'name' in a struct: group info { optional binary name; }.
            var name = footer.Schema[2];
            footer.Schema.Insert(2, new SchemaElement { Name = "info", Repetition = Repetition.Optional, NumChildren = 1 });
            Assert.Equal("name", name.Name);
        });
        using var reader = ParquetFileReader.Open(path);

        Assert.Equal(["info"], reader.UnsupportedColumns);
        Assert.Equal(["id", "score"], reader.Schema.Fields.Select(f => f.Name));
        Assert.Equal(100, reader.ReadRowGroup(0)["score"].Length);
    }
}
