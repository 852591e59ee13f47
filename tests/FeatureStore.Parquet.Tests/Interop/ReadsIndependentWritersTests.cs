namespace FeatureStore.Parquet.Tests.Interop;

/// <summary>The C# reader decodes every file DuckDB and parquet-wasm (arrow-rs) write to exactly the values they were given.</summary>
public sealed class ReadsIndependentWritersTests(GeneratedFilesFixture generated) : IClassFixture<GeneratedFilesFixture>
{
    private static readonly string[] Decimal38Columns = ["n_dec38", "r_dec38"];
    private static readonly string[] Int32Columns = ["n_i32", "r_i32", "n_u32", "r_u32"];

    [Fact]
    public void GeneratorWritesExactlyTheFilesTheseTestsExpect()
    {
        Assert.Equal(InteropMatrix.DuckDbFiles.Concat(InteropMatrix.WasmFiles).Order(), generated.ManifestFiles().Order());
    }

    /// <summary>Every column except the ones pinned by the two edge-case tests below (so one failure does not hide the rest).</summary>
    [Theory]
    [MemberData(nameof(InteropMatrix.AllFiles), MemberType = typeof(InteropMatrix))]
    public void ReaderReturnsEveryValueTheOtherWriterWrote(string file)
    {
        var pinned = Decimal38Columns.Concat(file.StartsWith("duckdb_", StringComparison.Ordinal) && file.Contains("_v2_", StringComparison.Ordinal) ? Int32Columns : []);
        AssertColumnsReadBack(file, generated.Expected.Columns.Except(pinned).ToArray(), minimumRowGroups: 2);
    }

    /// <summary>DECIMAL(38,10) values past System.Decimal's 96 bits (~7.9e18) come back exact through DecimalColumn.Unscaled.</summary>
    [Theory]
    [InlineData("duckdb_snappy_v1_plain.parquet")]
    [InlineData("wasm_plain_snappy_v1.parquet")]
    public void Decimal38ValuesWiderThanSystemDecimalAreReadExactly(string file) => AssertColumnsReadBack(file, Decimal38Columns, minimumRowGroups: 2);

    /// <summary>
    /// DuckDB's PARQUET_VERSION v2 writes DELTA_BINARY_PACKED INT32 miniblocks with bit width 33 when deltas of
    /// full-range values pass 2^31 (it does not wrap deltas to 32 bits); the reader adds them in 64 bits and wraps.
    /// </summary>
    [Theory]
    [InlineData("duckdb_snappy_v2_plain.parquet")]
    [InlineData("duckdb_zstd_v2_dict.parquet")]
    public void DuckDbDeltaInt32ColumnsWith33BitMiniblocksAreRead(string file) => AssertColumnsReadBack(file, Int32Columns, minimumRowGroups: 2);

    private void AssertColumnsReadBack(string file, IReadOnlyList<string> columns, int minimumRowGroups)
    {
        using var reader = ParquetFileReader.Open(generated.PathOf(file));
        Assert.True(reader.RowGroups.Count >= minimumRowGroups, $"{file} has {reader.RowGroups.Count} row groups, expected several");
        var actual = CanonicalTable.FromReaderByColumn(reader, columns);

        var differences = generated.Expected.Select(columns).Differences(actual);

        Assert.True(differences.Count == 0, $"{file}: {differences.Count} differences:\n" + string.Join("\n", differences));
    }
}
