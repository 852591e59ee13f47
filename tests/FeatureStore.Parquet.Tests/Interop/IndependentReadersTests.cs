namespace FeatureStore.Parquet.Tests.Interop;

/// <summary>DuckDB, parquet-wasm (arrow-rs) and Parquet.Net read back exactly what the C# writer wrote, for every codec/dictionary/page version.</summary>
public sealed class IndependentReadersTests(WrittenFilesFixture written) : IClassFixture<WrittenFilesFixture>
{
    [Theory]
    [MemberData(nameof(WrittenFilesFixture.Configurations), MemberType = typeof(WrittenFilesFixture))]
    public void DuckDbReadsWhatTheWriterWrote(string configuration) => AssertEngineReadsBack(configuration, "duckdb");

    [Theory]
    [MemberData(nameof(WrittenFilesFixture.Configurations), MemberType = typeof(WrittenFilesFixture))]
    public void ParquetWasmReadsWhatTheWriterWrote(string configuration) => AssertEngineReadsBack(configuration, "wasm");

    /// <summary>Every column except the ones Parquet.Net cannot read (<see cref="ParquetNetLimits"/>, pinned below).</summary>
    [Theory]
    [MemberData(nameof(WrittenFilesFixture.Configurations), MemberType = typeof(WrittenFilesFixture))]
    public async Task ParquetNetReadsWhatTheWriterWrote(string configuration)
    {
        Assert.Null(written.WriteError(configuration));
        var columns = WriterSamples.Schema.Fields.Select(f => f.Name).Except(ParquetNetLimits.UnreadableColumns(configuration, WriterSamples.Schema)).ToArray();
        var expected = CanonicalTable.FromBatches([written.Batch], ReaderQuirks.ParquetNet).Select(columns);
        var (rowGroups, errors) = await ParquetNetFileReader.ReadAsync(written.PathOf(configuration), columns);

        var differences = errors.Concat(expected.Differences(CanonicalTable.FromBatches(rowGroups))).ToList();

        Assert.True(differences.Count == 0, $"Parquet.Net reading {configuration}.parquet: {differences.Count} differences:\n" + string.Join("\n", differences));
    }

    [Theory]
    [InlineData("snappy_dict_v2")]
    [InlineData("none_plain_v2")]
    public async Task ParquetNetCannotReadListColumnsInDataPageV2(string configuration)
    {
        var lists = ParquetNetLimits.UnreadableColumns(configuration, WriterSamples.Schema);
        var (_, errors) = await ParquetNetFileReader.ReadAsync(written.PathOf(configuration), lists);

        Assert.NotEmpty(lists);
        Assert.Equal(lists.Select(c => $"{c}: Parquet.Net failed: NotImplementedException: The method or operation is not implemented."), errors);
    }

    private void AssertEngineReadsBack(string configuration, string engine)
    {
        Assert.Null(written.WriteError(configuration));
        var expected = CanonicalTable.FromBatches([written.Batch], engine == "wasm" ? ReaderQuirks.ArrowRs : ReaderQuirks.DuckDb);
        var actual = CanonicalTable.FromJsonFile(written.PathOf(configuration) + $".{engine}.json");

        var differences = expected.Differences(actual);

        Assert.True(differences.Count == 0, $"{engine} reading {configuration}.parquet: {differences.Count} differences:\n" + string.Join("\n", differences));
    }
}
