namespace FeatureStore.Parquet.Tests;

public sealed class ReaderProjectionTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fs-parquet-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Projection_reads_only_the_projected_column_chunks()
    {
        var path = CodecTestFiles.WriteSmall(_directory, rows: 1000);
        var nameChunk = CodecTestFiles.ReadFooter(path).RowGroups[0].Columns[1].MetaData!;
        var start = nameChunk.DictionaryPageOffset ?? nameChunk.DataPageOffset;
        var bytes = File.ReadAllBytes(path);
        bytes.AsSpan((int)start, (int)nameChunk.TotalCompressedSize).Fill(0xAB);
        File.WriteAllBytes(path, bytes);
        using var reader = ParquetFileReader.Open(path);

        var batch = reader.ReadRowGroup(0, ["score", "id"]);

        Assert.Equal(["score", "id"], batch.Schema.Fields.Select(f => f.Name));
        Assert.Equal(999L, ((Int64Column)batch["id"]).Values[999]);
        Assert.Equal(499.5, ((DoubleColumn)batch["score"]).Values[999]);
        Assert.Throws<ParquetException>(() => reader.ReadRowGroup(0, ["name"]));
    }

    [Fact]
    public void ReadBatches_cuts_row_groups_into_batches_of_the_requested_size()
    {
        var path = CodecTestFiles.WriteSmall(_directory, options: new ParquetWriteOptions { RowGroupSize = 400 }, rows: 1000);
        using var reader = ParquetFileReader.Open(path);

        var batches = reader.ReadBatches(["id", "name"], batchRows: 150).ToList();

        Assert.Equal([150, 150, 100, 150, 150, 100, 150, 50], batches.Select(b => b.RowCount));
        var ids = batches.SelectMany(b => ((Int64Column)b["id"]).Span.ToArray()).ToArray();
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), ids);
        var names = batches.SelectMany(b => Enumerable.Range(0, b.RowCount).Select(i => ((BinaryColumn)b["name"]).GetString(i))).ToArray();
        Assert.Null(names[400]);
        Assert.Equal("name1", names[401]);
    }

    [Fact]
    public void Concurrent_reads_of_different_row_groups_agree_with_sequential_reads()
    {
        var path = CodecTestFiles.WriteSmall(_directory, options: new ParquetWriteOptions { RowGroupSize = 100 }, rows: 2000);
        using var reader = ParquetFileReader.Open(path);
        var expected = Enumerable.Range(0, reader.RowGroups.Count).Select(g => reader.ReadRowGroup(g)).ToArray();

        var actual = new RecordBatch[expected.Length];
        Parallel.For(0, expected.Length, g => actual[g] = reader.ReadRowGroup(g));

        for (var g = 0; g < expected.Length; g++)
        {
            CodecAssert.BatchesEqual(expected[g], actual[g]);
        }
    }

    [Fact]
    public void Row_group_metadata_describes_codec_encodings_sizes_and_key_values()
    {
        var options = new ParquetWriteOptions
        {
            Compression = ParquetCompression.Zstd,
            KeyValueMetadata = new Dictionary<string, string> { ["feature_view"] = "users" },
        };
        var path = CodecTestFiles.WriteSmall(_directory, options: options);
        using var reader = ParquetFileReader.Open(path);

        Assert.Equal("users", reader.KeyValueMetadata["feature_view"]);
        Assert.StartsWith("FeatureStore.Parquet version", reader.CreatedBy, StringComparison.Ordinal);
        var chunk = reader.RowGroups[0].Column("id")!;
        Assert.Equal(ParquetCompression.Zstd, chunk.Codec);
        Assert.Equal(100, chunk.ValueCount);
        Assert.True(chunk.CompressedSize > 0 && chunk.UncompressedSize > 0);
        Assert.Contains(ParquetEncoding.RleDictionary, chunk.Encodings);
    }
}
