namespace FeatureStore.Parquet.Tests;

public sealed class WriterParallelismTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fs-parquet-parallel-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(ParquetCompression.Snappy, 1, true)]
    [InlineData(ParquetCompression.Zstd, 2, true)]
    [InlineData(ParquetCompression.None, 1, false)]
    public void Parallel_column_encoding_writes_the_same_bytes_as_one_thread(ParquetCompression codec, int pageVersion, bool dictionary)
    {
        var schema = CodecSampleData.AllTypesSchema();
        var batches = CodecSampleData.TwoBatches(schema);
        var options = CodecSampleData.SmallPages(codec, pageVersion, dictionary, rowGroupSize: 12_000);

        var sequential = Write(schema, batches, options with { MaxDegreeOfParallelism = 1 });
        var parallel = Write(schema, batches, options with { MaxDegreeOfParallelism = 4 });

        Assert.Equal(sequential, parallel);
        var path = Path.Combine(_directory, "parallel.parquet");
        File.WriteAllBytes(path, parallel);
        using var reader = ParquetFileReader.Open(path);
        Assert.Equal(3, reader.RowGroups.Count);
        Assert.Equal(29_000, reader.RowCount);
    }

    [Fact]
    public void A_failing_column_in_a_parallel_write_names_that_column()
    {
        var schema = new ParquetSchema(
            new ParquetField("id", ParquetType.Int64, Nullable: false),
            new ParquetField("code", ParquetType.FixedLenBinary(4)));
        var rows = 10_000;
        var codes = Enumerable.Range(0, rows).Select(i => i == 7_000 ? "toolong" : "abcd").ToArray();
        var batch = new RecordBatch(schema, [new Int64Column([.. Enumerable.Range(0, rows).Select(i => (long)i)]), BinaryColumn.FromStrings(codes)], rows);
        using var writer = ParquetFileWriter.Create(new MemoryStream(), schema, new ParquetWriteOptions { MaxDegreeOfParallelism = 2 });

        var error = Assert.Throws<ParquetException>(() => writer.WriteBatch(batch));

        Assert.Equal("code", error.Column);
        Assert.Contains("FIXED_LEN_BYTE_ARRAY(4)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MaxDegreeOfParallelism_must_be_positive()
    {
        var options = new ParquetWriteOptions { MaxDegreeOfParallelism = 0 };

        var error = Assert.Throws<ParquetException>(() => ParquetFileWriter.Create(new MemoryStream(), CodecTestFiles.SmallSchema, options));

        Assert.Contains("MaxDegreeOfParallelism must be positive, got 0", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Write(ParquetSchema schema, RecordBatch[] batches, ParquetWriteOptions options)
    {
        using var stream = new MemoryStream();
        using (var writer = ParquetFileWriter.Create(stream, schema, options, leaveOpen: true))
        {
            foreach (var batch in batches)
            {
                writer.WriteBatch(batch);
            }
        }

        return stream.ToArray();
    }
}
