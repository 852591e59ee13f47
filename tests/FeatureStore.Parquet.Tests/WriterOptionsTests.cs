namespace FeatureStore.Parquet.Tests;

public sealed class WriterOptionsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fs-parquet-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Dictionary_falls_back_to_plain_when_it_outgrows_the_limit()
    {
        var rows = 20_000;
        var schema = new ParquetSchema(new ParquetField("s", ParquetType.String), new ParquetField("n", ParquetType.Int64, Nullable: false));
        var strings = Enumerable.Range(0, rows).Select(i => (string?)$"distinct-value-{i}").ToArray();
        var numbers = Enumerable.Range(0, rows).Select(i => (long)i * 7919).ToArray();
        var batch = new RecordBatch(schema, [BinaryColumn.FromStrings(strings), new Int64Column(numbers)], rows);
        var path = Path.Combine(_directory, "fallback.parquet");
        using (var writer = ParquetFileWriter.Create(path, schema, new ParquetWriteOptions { DictionaryPageSizeLimit = 4096, DataPageSize = 8192 }))
        {
            writer.WriteBatch(batch);
        }

        using var reader = ParquetFileReader.Open(path);
        foreach (var chunk in reader.RowGroups[0].Columns)
        {
            Assert.Contains(ParquetEncoding.RleDictionary, chunk.Encodings);
            Assert.Contains(ParquetEncoding.Plain, chunk.Encodings);
        }

        CodecAssert.BatchesEqual(batch, reader.ReadAll());
    }

    [Fact]
    public void Row_groups_are_cut_at_RowGroupSize_across_batches()
    {
        var path = Path.Combine(_directory, "groups.parquet");
        var expected = new List<RecordBatch>();
        using (var writer = ParquetFileWriter.Create(path, CodecTestFiles.SmallSchema, new ParquetWriteOptions { RowGroupSize = 250 }))
        {
            foreach (var rows in new[] { 100, 300, 0, 120 })
            {
                var batch = CodecTestFiles.SmallBatch(rows);
                expected.Add(batch);
                writer.WriteBatch(batch);
            }

            Assert.Equal(520, writer.RowCount);
        }

        using var reader = ParquetFileReader.Open(path);
        Assert.Equal([250L, 250L, 20L], reader.RowGroups.Select(g => g.RowCount));
        var all = reader.ReadAll();
        var ids = ((Int64Column)all["id"]).Span.ToArray();
        Assert.Equal(expected.SelectMany(b => ((Int64Column)b["id"]).Span.ToArray()), ids);
    }

    [Fact]
    public void Writer_to_a_stream_produces_a_readable_file_and_leaves_the_stream_open_on_request()
    {
        var path = Path.Combine(_directory, "stream.parquet");
        using (var stream = File.Create(path))
        {
            using (var writer = ParquetFileWriter.Create(stream, CodecTestFiles.SmallSchema, leaveOpen: true))
            {
                writer.WriteBatch(CodecTestFiles.SmallBatch(10));
            }

            Assert.True(stream.CanWrite);
        }

        using var reader = ParquetFileReader.Open(path);
        CodecAssert.BatchesEqual(CodecTestFiles.SmallBatch(10), reader.ReadAll());
    }

    [Fact]
    public void Empty_file_has_a_schema_and_no_row_groups()
    {
        var path = Path.Combine(_directory, "empty.parquet");
        using (ParquetFileWriter.Create(path, CodecTestFiles.SmallSchema))
        {
        }

        using var reader = ParquetFileReader.Open(path);
        Assert.Equal(0, reader.RowCount);
        Assert.Empty(reader.RowGroups);
        Assert.Equal(CodecTestFiles.SmallSchema.Fields, reader.Schema.Fields);
        var all = reader.ReadAll();
        Assert.Equal(0, all.RowCount);
        Assert.IsType<BinaryColumn>(all["name"]);
        Assert.Empty(reader.ReadBatches());
    }

    [Fact]
    public void Nulls_in_a_required_column_are_rejected_before_anything_is_written()
    {
        var schema = new ParquetSchema(new ParquetField("x", ParquetType.Int32, Nullable: false));
        var path = Path.Combine(_directory, "required.parquet");
        using var writer = ParquetFileWriter.Create(path, schema);

        var error = Assert.Throws<ParquetException>(() => writer.WriteBatch(new RecordBatch(schema, [new Int32Column([1, 2], [true, false])], 2)));

        Assert.Equal("x", error.Column);
        writer.WriteBatch(new RecordBatch(schema, [new Int32Column([1, 2])], 2));
        writer.Close();
        using var reader = ParquetFileReader.Open(path);
        Assert.Equal(2, reader.RowCount);
    }

    [Fact]
    public void Mismatched_column_type_and_batch_schema_are_rejected()
    {
        var path = Path.Combine(_directory, "mismatch.parquet");
        using var writer = ParquetFileWriter.Create(path, CodecTestFiles.SmallSchema);
        var wrongSchema = new ParquetSchema(new ParquetField("id", ParquetType.Int32, Nullable: false));

        Assert.Throws<ParquetException>(() => writer.WriteBatch(new RecordBatch(wrongSchema, [new Int32Column([1])], 1)));
        var badFixed = new ParquetSchema(new ParquetField("f", ParquetType.FixedLenBinary(4)));
        using var fixedWriter = ParquetFileWriter.Create(Path.Combine(_directory, "fixed.parquet"), badFixed);
        var error = Assert.Throws<ParquetException>(() => fixedWriter.WriteBatch(new RecordBatch(badFixed, [BinaryColumn.FromBytes([new byte[3]])], 1)));
        Assert.Equal("f", error.Column);
    }

    [Fact]
    public void A_path_appears_only_when_the_writer_closes()
    {
        var path = Path.Combine(_directory, "atomic.parquet");
        using (var writer = ParquetFileWriter.Create(path, CodecTestFiles.SmallSchema))
        {
            writer.WriteBatch(CodecTestFiles.SmallBatch(5));
            Assert.False(File.Exists(path));
        }

        Assert.True(File.Exists(path));
        Assert.Single(Directory.GetFiles(_directory));
    }

    [Fact]
    public void Decimal_values_beyond_the_declared_precision_are_rejected()
    {
        var schema = new ParquetSchema(new ParquetField("d", ParquetType.Decimal(5, 2)));
        using var writer = ParquetFileWriter.Create(Path.Combine(_directory, "dec.parquet"), schema);

        var error = Assert.Throws<ParquetException>(() => writer.WriteBatch(new RecordBatch(schema, [new DecimalColumn([1234.5m])], 1)));

        Assert.Equal("d", error.Column);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(100, 3)]
    public void Invalid_options_are_rejected(int rowGroupSize, int pageVersion)
    {
        var options = new ParquetWriteOptions { RowGroupSize = rowGroupSize, DataPageVersion = pageVersion };

        Assert.Throws<ParquetException>(() => ParquetFileWriter.Create(new MemoryStream(), CodecTestFiles.SmallSchema, options));
    }
}
