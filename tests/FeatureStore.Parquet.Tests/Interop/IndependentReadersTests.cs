namespace FeatureStore.Parquet.Tests.Interop;

/// <summary>DuckDB and parquet-wasm (arrow-rs) read back exactly what the C# writer wrote, for every codec/dictionary/page version.</summary>
public sealed class IndependentReadersTests(WrittenFilesFixture written) : IClassFixture<WrittenFilesFixture>
{
    [Theory]
    [MemberData(nameof(WrittenFilesFixture.Configurations), MemberType = typeof(WrittenFilesFixture))]
    public void DuckDbReadsWhatTheWriterWrote(string configuration) => AssertEngineReadsBack(configuration, "duckdb");

    [Theory]
    [MemberData(nameof(WrittenFilesFixture.Configurations), MemberType = typeof(WrittenFilesFixture))]
    public void ParquetWasmReadsWhatTheWriterWrote(string configuration) => AssertEngineReadsBack(configuration, "wasm");

    private void AssertEngineReadsBack(string configuration, string engine)
    {
        Assert.Null(written.WriteError(configuration));
        var expected = CanonicalTable.FromBatches([written.Batch], engine == "wasm" ? ReaderQuirks.ArrowRs : ReaderQuirks.DuckDb);
        var actual = CanonicalTable.FromJsonFile(written.PathOf(configuration) + $".{engine}.json");

        var differences = expected.Differences(actual);

        Assert.True(differences.Count == 0, $"{engine} reading {configuration}.parquet: {differences.Count} differences:\n" + string.Join("\n", differences));
    }
}
