namespace FeatureStore.Parquet.Tests;

public sealed class CodecReadmeExampleTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fs-parquet-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Readme_usage_example_writes_and_reads_back()
    {
        var path = Path.Combine(_directory, "f.parquet");
        var schema = new ParquetSchema(
            new ParquetField("user_id", ParquetType.Int64, Nullable: false),
            new ParquetField("name", ParquetType.String),
            new ParquetField("embedding", ParquetType.ListOf(ParquetType.Float, elementNullable: false)));
        var batch = new RecordBatch(schema,
            [new Int64Column([1, 2]), BinaryColumn.FromStrings(["a", null]), ListColumn.FromFloatArrays([[0.1f, 0.2f], null])], rowCount: 2);
        using (var writer = ParquetFileWriter.Create(path, schema, new ParquetWriteOptions { Compression = ParquetCompression.Zstd }))
        {
            writer.WriteBatch(batch);
        }

        using var reader = ParquetFileReader.Open(path);
        var batches = reader.ReadBatches(["user_id", "name"]).ToList();

        var b = Assert.Single(batches);
        Assert.Equal([1L, 2L], ((Int64Column)b["user_id"]).Span.ToArray());
        Assert.Equal("a", ((BinaryColumn)b["name"]).GetString(0));
        Assert.Null(((BinaryColumn)b["name"]).GetString(1));
        var embedding = (ListColumn)reader.ReadAll(["embedding"])["embedding"];
        Assert.Equal([0.1f, 0.2f], ((FloatColumn)embedding.Values).Span[..2].ToArray());
        Assert.True(embedding.IsNull(1));
    }
}
