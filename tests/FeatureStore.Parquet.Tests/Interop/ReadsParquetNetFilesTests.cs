using Net = global::Parquet;

namespace FeatureStore.Parquet.Tests.Interop;

/// <summary>The C# reader decodes every file Parquet.Net writes to exactly the values Parquet.Net was given.</summary>
public sealed class ReadsParquetNetFilesTests(ParquetNetWrittenFilesFixture written) : IClassFixture<ParquetNetWrittenFilesFixture>
{
    [Theory]
    [MemberData(nameof(ParquetNetWrittenFilesFixture.Configurations), MemberType = typeof(ParquetNetWrittenFilesFixture))]
    public void ReaderReturnsEveryValueParquetNetWrote(string configuration)
    {
        Assert.True(written.WriteError(configuration) is null, $"Parquet.Net failed to write {configuration}: {written.WriteError(configuration)}");
        using var reader = ParquetFileReader.Open(written.PathOf(configuration));
        Assert.StartsWith("Parquet.Net", reader.CreatedBy, StringComparison.Ordinal);
        Assert.Equal(3, reader.RowGroups.Count);
        var columns = ParquetNetSamples.Schema.Fields.Select(f => f.Name).ToArray();

        var differences = CanonicalTable.FromBatches([written.Batch]).Differences(CanonicalTable.FromReaderByColumn(reader, columns));

        Assert.True(differences.Count == 0, $"{configuration}.parquet: {differences.Count} differences:\n" + string.Join("\n", differences));
    }

    /// <summary>Each configuration really is what its name says, so the value comparison above covers that codec and encoding.</summary>
    [Theory]
    [MemberData(nameof(ParquetNetWrittenFilesFixture.Configurations), MemberType = typeof(ParquetNetWrittenFilesFixture))]
    public void FilesUseTheCodecAndEncodingTheirConfigurationNames(string configuration)
    {
        Assert.True(written.WriteError(configuration) is null, $"Parquet.Net failed to write {configuration}: {written.WriteError(configuration)}");
        using var reader = ParquetFileReader.Open(written.PathOf(configuration));
        var chunks = reader.RowGroups.SelectMany(g => g.Columns).ToArray();
        Assert.All(chunks, chunk => Assert.Equal(ParquetNetWrittenFilesFixture.Codec(configuration), chunk.Codec));

        var (column, encoding) = configuration.Split('_')[1] switch
        {
            "dict" => ("n_str", ParquetEncoding.PlainDictionary),
            "delta" => ("n_i64", ParquetEncoding.DeltaBinaryPacked),
            "bss" => ("r_f64", ParquetEncoding.ByteStreamSplit),
            _ => ("n_str", ParquetEncoding.Plain),
        };
        Assert.All(reader.RowGroups, g => Assert.Contains(encoding, g.Column(column)!.Encodings));
        if (encoding == ParquetEncoding.Plain)
        {
            Assert.DoesNotContain(chunks, c => c.Encodings.Contains(ParquetEncoding.PlainDictionary) || c.Encodings.Contains(ParquetEncoding.RleDictionary));
        }
    }

    /// <summary>Parquet.Net also writes LZ4 (Hadoop's codec id, raw blocks) and LZ4_RAW; the C# reader supports neither and says so.</summary>
    [Theory]
    [InlineData(Net.CompressionMethod.LZ4, "LZ4")]
    [InlineData(Net.CompressionMethod.Lz4Raw, "LZ4_RAW")]
    public async Task ReaderRejectsParquetNetLz4FilesNamingTheCodec(Net.CompressionMethod compression, string codecName)
    {
        var path = Path.Combine(written.Directory, $"lz4-{codecName}.parquet");
        await ParquetNetWrittenFilesFixture.WriteAsync(path, written.Batch, compression, "plain");
        using var reader = ParquetFileReader.Open(path);

        var error = Assert.Throws<ParquetException>(() => reader.ReadRowGroup(0, ["n_i32"]));

        Assert.Equal($"codec {codecName} is not supported (column 'n_i32', row group 0, file {Path.GetFileName(path)})", error.Message);
    }

    /// <summary>
    /// Asked for BYTE_STREAM_SPLIT on a 16-bit integer, Parquet.Net 6.1.0 splits 2-byte values inside an INT32 column,
    /// which the format does not allow (DuckDB and arrow-rs refuse it too); the reader says so, naming the column.
    /// </summary>
    [Fact]
    public async Task ReaderRejectsParquetNetTwoByteStreamSplitOfInt16()
    {
        var path = Path.Combine(written.Directory, "bss-int16.parquet");
        var schema = new ParquetSchema(new ParquetField("r_i16", ParquetType.Int16, Nullable: false));
        var batch = new RecordBatch(schema, [new Int32Column([-32768, 32767, -402, 30545])], 4);
        await ParquetNetFileWriter.WriteAsync(path, batch, Net.CompressionMethod.Snappy, _ => Net.EncodingHint.ByteSplitStream, rowGroupRows: 4);
        using var reader = ParquetFileReader.Open(path);
        Assert.Contains(ParquetEncoding.ByteStreamSplit, reader.RowGroups[0].Column("r_i16")!.Encodings);

        var error = Assert.Throws<ParquetException>(() => reader.ReadRowGroup(0));

        Assert.Equal(
            "BYTE_STREAM_SPLIT data holds 8 bytes but 4 elements of 4 bytes need 16. (column 'r_i16', row group 0, file bss-int16.parquet)",
            error.Message);
    }
}
