namespace FeatureStore.Parquet.Tests;

public sealed class CodecRoundTripTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fs-parquet-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<ParquetCompression, bool, int> Combinations()
    {
        var data = new TheoryData<ParquetCompression, bool, int>();
        foreach (var codec in new[] { ParquetCompression.None, ParquetCompression.Snappy, ParquetCompression.Gzip, ParquetCompression.Zstd, ParquetCompression.Brotli })
        {
            foreach (var dictionary in new[] { true, false })
            {
                foreach (var version in new[] { 1, 2 })
                {
                    data.Add(codec, dictionary, version);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Every_type_and_nullability_round_trips(ParquetCompression codec, bool dictionary, int pageVersion)
    {
        var schema = CodecSampleData.AllTypesSchema();
        var batch = CodecSampleData.Batch(schema, rows: 2500, seed: 1);
        var path = Path.Combine(_directory, "all.parquet");
        var options = new ParquetWriteOptions
        {
            Compression = codec,
            DictionaryEncoding = dictionary,
            DataPageVersion = pageVersion,
            RowGroupSize = 1000,
            DataPageSize = 2048,
        };
        using (var writer = ParquetFileWriter.Create(path, schema, options))
        {
            writer.WriteBatch(batch);
        }

        using var reader = ParquetFileReader.Open(path);
        Assert.Equal(2500, reader.RowCount);
        Assert.Equal(3, reader.RowGroups.Count);
        Assert.All(reader.RowGroups.SelectMany(g => g.Columns), chunk => Assert.Equal(codec, chunk.Codec));
        var hasDictionaryPages = reader.RowGroups.SelectMany(g => g.Columns).Any(c => c.Encodings.Contains(ParquetEncoding.RleDictionary));
        Assert.Equal(dictionary, hasDictionaryPages);
        CodecAssert.BatchesEqual(batch, reader.ReadAll());
    }
}
