namespace FeatureStore.Parquet.Tests;

/// <summary>
/// <see cref="ParquetFileWriter.EncodeColumnChunk"/> + <see cref="ParquetFileWriter.WriteRowGroup"/>: the same bytes as
/// <see cref="ParquetFileWriter.WriteBatch"/>, and every bad chunk list refused before anything is written.
/// </summary>
public sealed class WriterEncodedChunkTests : IDisposable
{
    private static readonly ParquetWriteOptions SmallOptions = new() { MaxDegreeOfParallelism = 1 };

    private readonly string _directory = Directory.CreateTempSubdirectory("fs-parquet-chunks-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(ParquetCompression.Snappy, 1, true)]
    [InlineData(ParquetCompression.Zstd, 2, true)]
    [InlineData(ParquetCompression.None, 1, false)]
    public void Chunks_encoded_on_several_threads_write_the_same_bytes_as_WriteBatch(ParquetCompression codec, int pageVersion, bool dictionary)
    {
        var schema = CodecSampleData.AllTypesSchema();
        var batches = CodecSampleData.TwoBatches(schema);
        var options = CodecSampleData.SmallPages(codec, pageVersion, dictionary, rowGroupSize: 50_000);

        var expected = WriteBatches(schema, batches, options);
        var actual = WriteEncoded(schema, options, writer =>
        {
            foreach (var batch in batches)
            {
                writer.WriteRowGroup(EncodeInParallel(batch, options));
            }
        });

        Assert.Equal(expected, actual);
        var path = Path.Combine(_directory, "encoded.parquet");
        File.WriteAllBytes(path, actual);
        using var reader = ParquetFileReader.Open(path);
        Assert.Equal(2, reader.RowGroups.Count);
        CodecAssert.BatchesEqual(batches[0], reader.ReadRowGroup(0));
        CodecAssert.BatchesEqual(batches[1], reader.ReadRowGroup(1));
    }

    [Fact]
    public void A_chunk_encoded_after_others_reused_the_page_buffers_is_byte_identical_and_reads_back()
    {
        // Page scratch is pooled across chunks (and not zeroed): encoding other columns in between must not leak into a chunk.
        var schema = CodecSampleData.AllTypesSchema();
        var batches = CodecSampleData.TwoBatches(schema);
        var options = CodecSampleData.SmallPages(ParquetCompression.Snappy, 1, true, rowGroupSize: 50_000);
        var first = WriteEncoded(schema, options, writer => writer.WriteRowGroup(Encode(batches[0], options)));

        for (var round = 0; round < 3; round++)
        {
            Encode(batches[1], options);
            EncodeInParallel(batches[1], options);
        }

        var again = WriteEncoded(schema, options, writer => writer.WriteRowGroup(Encode(batches[0], options)));

        Assert.Equal(first, again);
        var path = Path.Combine(_directory, "again.parquet");
        File.WriteAllBytes(path, again);
        using var reader = ParquetFileReader.Open(path);
        CodecAssert.BatchesEqual(batches[0], reader.ReadRowGroup(0));
    }

    [Fact]
    public void Rows_buffered_by_WriteBatch_become_their_own_row_group_before_the_encoded_one()
    {
        var first = CodecTestFiles.SmallBatch(40);
        var second = CodecTestFiles.SmallBatch(70);

        var expected = WriteBatches(CodecTestFiles.SmallSchema, [first, second], SmallOptions);
        var actual = WriteEncoded(CodecTestFiles.SmallSchema, SmallOptions, writer =>
        {
            writer.WriteBatch(first);
            writer.WriteRowGroup(Encode(second, SmallOptions));
            Assert.Equal(110, writer.RowCount);
        });

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void The_same_chunks_can_be_appended_twice_and_to_two_open_files()
    {
        var batch = CodecTestFiles.SmallBatch(100);
        var chunks = Encode(batch, SmallOptions);
        var twicePath = Path.Combine(_directory, "twice.parquet");
        var oncePath = Path.Combine(_directory, "once.parquet");

        using (var twice = ParquetFileWriter.Create(twicePath, CodecTestFiles.SmallSchema, SmallOptions))
        using (var once = ParquetFileWriter.Create(oncePath, CodecTestFiles.SmallSchema, SmallOptions))
        {
            twice.WriteRowGroup(chunks);
            once.WriteRowGroup(chunks);
            twice.WriteRowGroup(chunks);
        }

        using var twiceReader = ParquetFileReader.Open(twicePath);
        Assert.Equal(2, twiceReader.RowGroups.Count);
        CodecAssert.BatchesEqual(batch, twiceReader.ReadRowGroup(0));
        CodecAssert.BatchesEqual(batch, twiceReader.ReadRowGroup(1));
        using var onceReader = ParquetFileReader.Open(oncePath);
        CodecAssert.BatchesEqual(batch, onceReader.ReadAll());
    }

    public static TheoryData<string, string> BadChunkLists() => new()
    {
        { "too few", "row group has 2 column chunks, the file schema has 3 columns" },
        { "too many", "row group has 4 column chunks, the file schema has 3 columns" },
        { "swapped", "chunk 1 was encoded for column 2 ('score'); chunks must follow the schema order" },
        { "rows differ", "chunk 2 has 30 rows, chunk 0 has 50" },
        { "other type", "chunk 0 was encoded for field 'id: Timestamp(Micros, utc=True)', the file's column 0 is 'id: Int64'" },
        { "other nullability", "chunk 0 was encoded for field 'id: Int64?', the file's column 0 is 'id: Int64'" },
        { "other name", "chunk 1 was encoded for field 'label: String?', the file's column 1 is 'name: String?'" },
        { "null chunk", "chunk 1 is null" },
        { "released", "chunk 2 ('score') was released after writing; encode it again" },
    };

    [Theory]
    [MemberData(nameof(BadChunkLists))]
    public void A_bad_chunk_list_is_refused_in_one_line_and_the_writer_stays_usable(string kind, string detail)
    {
        var good = CodecTestFiles.SmallBatch(50);
        var path = Path.Combine(_directory, "refused.parquet");

        using (var writer = ParquetFileWriter.Create(path, CodecTestFiles.SmallSchema, SmallOptions))
        {
            var error = Assert.Throws<ParquetException>(() => writer.WriteRowGroup(BadChunks(kind, good)));

            Assert.Equal(detail, error.Detail);
            Assert.DoesNotContain('\n', error.Message);
            Assert.EndsWith("file refused.parquet)", error.Message, StringComparison.Ordinal);
            Assert.Equal(0, writer.RowCount);
            writer.WriteRowGroup(Encode(good, SmallOptions));
        }

        var expected = WriteBatches(CodecTestFiles.SmallSchema, [good], SmallOptions);
        Assert.Equal(expected, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_directory));
    }

    [Fact]
    public void EncodeColumnChunk_refuses_values_that_do_not_fit_the_field()
    {
        var error = Assert.Throws<ParquetException>(() =>
            ParquetFileWriter.EncodeColumnChunk(CodecTestFiles.SmallSchema, SmallOptions, 0, new Int64Column([1, 2], [true, false])));

        Assert.Equal("id", error.Column);
        Assert.Contains("not nullable but holds 1 nulls", error.Message, StringComparison.Ordinal);
    }

    private static EncodedColumnChunk[] BadChunks(string kind, RecordBatch good)
    {
        var chunks = Encode(good, SmallOptions);
        EncodedColumnChunk Other(ParquetField field, Column values) =>
            ParquetFileWriter.EncodeColumnChunk(new ParquetSchema(field), SmallOptions, 0, values);
        EncodedColumnChunk Other1(ParquetField field, Column values) =>
            ParquetFileWriter.EncodeColumnChunk(new ParquetSchema(CodecTestFiles.SmallSchema[0], field), SmallOptions, 1, values);

        return kind switch
        {
            "too few" => chunks[..2],
            "too many" => [.. chunks, chunks[2]],
            "swapped" => [chunks[0], chunks[2], chunks[1]],
            "rows differ" => [chunks[0], chunks[1], Encode(CodecTestFiles.SmallBatch(30), SmallOptions)[2]],
            "other type" => [Other(new ParquetField("id", ParquetType.Timestamp(TimeUnit.Micros), Nullable: false), good.Columns[0]), chunks[1], chunks[2]],
            "other nullability" => [Other(new ParquetField("id", ParquetType.Int64), good.Columns[0]), chunks[1], chunks[2]],
            "other name" => [chunks[0], Other1(new ParquetField("label", ParquetType.String), good.Columns[1]), chunks[2]],
            "null chunk" => [chunks[0], null!, chunks[2]],
            "released" => Released(chunks, 2),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown bad chunk list"),
        };
    }

    private static EncodedColumnChunk[] Released(EncodedColumnChunk[] chunks, int column)
    {
        chunks[column].Release();
        return chunks;
    }

    private static EncodedColumnChunk[] Encode(RecordBatch batch, ParquetWriteOptions options) =>
        [.. Enumerable.Range(0, batch.Schema.Count).Select(c => ParquetFileWriter.EncodeColumnChunk(batch.Schema, options, c, batch.Columns[c]))];

    private static EncodedColumnChunk[] EncodeInParallel(RecordBatch batch, ParquetWriteOptions options)
    {
        var chunks = new EncodedColumnChunk[batch.Schema.Count];
        Parallel.For(0, chunks.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, c =>
            chunks[c] = ParquetFileWriter.EncodeColumnChunk(batch.Schema, options, c, batch.Columns[c]));
        return chunks;
    }

    private static byte[] WriteBatches(ParquetSchema schema, RecordBatch[] batches, ParquetWriteOptions options) =>
        WriteEncoded(schema, options, writer =>
        {
            foreach (var batch in batches)
            {
                writer.WriteBatch(batch);
                writer.Flush();
            }
        });

    private static byte[] WriteEncoded(ParquetSchema schema, ParquetWriteOptions options, Action<ParquetFileWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = ParquetFileWriter.Create(stream, schema, options, leaveOpen: true))
        {
            write(writer);
        }

        return stream.ToArray();
    }
}
