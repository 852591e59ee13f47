using FeatureStore.Parquet.Writing;

namespace FeatureStore.Parquet.Tests;

public sealed class WriterDictionaryTrialTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fs-parquet-trial-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Trial_gives_up_once_the_sample_is_nearly_all_distinct()
    {
        var trial = new DictionaryTrial();

        Assert.False(trial.ShouldGiveUp(DictionaryTrial.SampleValues - 1, DictionaryTrial.SampleValues - 1));
        Assert.True(trial.ShouldGiveUp(DictionaryTrial.SampleValues, DictionaryTrial.SampleValues - 10));
        Assert.False(trial.ShouldGiveUp(2 * DictionaryTrial.SampleValues, 2 * DictionaryTrial.SampleValues));
    }

    [Fact]
    public void Trial_keeps_the_dictionary_when_the_sample_repeats_values()
    {
        var trial = new DictionaryTrial();

        Assert.False(trial.ShouldGiveUp(DictionaryTrial.SampleValues, DictionaryTrial.SampleValues / 2));
        Assert.False(trial.ShouldGiveUp(10 * DictionaryTrial.SampleValues, 10 * DictionaryTrial.SampleValues));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Unique_and_repeating_columns_round_trip_when_the_trial_drops_a_dictionary_mid_chunk(int pageVersion)
    {
        var rows = 3 * DictionaryTrial.SampleValues;
        var schema = new ParquetSchema(
            new ParquetField("id", ParquetType.Int64),
            new ParquetField("name", ParquetType.String),
            new ParquetField("bucket", ParquetType.Int32, Nullable: false));
        var ids = new long[rows];
        var idValid = new bool[rows];
        var names = new string?[rows];
        var buckets = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            ids[i] = i * 31L;
            idValid[i] = i % 11 != 0;
            names[i] = i % 13 == 0 ? null : $"user-{i}";
            buckets[i] = i % 50;
        }

        var batch = new RecordBatch(schema, [new Int64Column(ids, idValid), BinaryColumn.FromStrings(names), new Int32Column(buckets)], rows);
        var path = Path.Combine(_directory, "trial.parquet");
        using (var writer = ParquetFileWriter.Create(path, schema, new ParquetWriteOptions { DataPageVersion = pageVersion }))
        {
            writer.WriteBatch(batch);
        }

        using var reader = ParquetFileReader.Open(path);
        CodecAssert.BatchesEqual(batch, reader.ReadAll());
        var chunks = reader.RowGroups[0].Columns;
        Assert.All(chunks, chunk => Assert.Contains(ParquetEncoding.RleDictionary, chunk.Encodings));
        var bucketChunk = chunks.Single(c => c.Column == "bucket");
        Assert.True(bucketChunk.UncompressedSize < rows, $"a 50-value column should stay dictionary-encoded, got {bucketChunk.UncompressedSize} bytes");
        var idChunk = chunks.Single(c => c.Column == "id");
        Assert.True(idChunk.UncompressedSize < rows * 17L / 2, $"after the trial the id column should be mostly PLAIN, got {idChunk.UncompressedSize} bytes");
    }
}
