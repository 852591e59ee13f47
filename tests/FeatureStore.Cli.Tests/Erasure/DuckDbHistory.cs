using FeatureStore.Parquet;
using FeatureStore.Parquet.Tests.Interop;

namespace FeatureStore.Cli.Tests.Erasure;

/// <summary>
/// DuckDB (tests/interop, an independent Parquet reader) as the oracle of an erasure: a snapshot of every row of a
/// history except the erased customer's, each with its file and its position among the file's kept rows, and a
/// comparison of two snapshots.
/// </summary>
internal static class DuckDbHistory
{
    /// <summary>Writes the snapshot of <paramref name="dataDir"/> (every *.parquet below it) to <paramref name="output"/>.</summary>
    public static void Snapshot(string dataDir, long erased, string output) =>
        NodeScripts.Run(TimeSpan.FromSeconds(120), "copy.mjs", output,
            $"""
            SELECT filename, row_number() OVER (PARTITION BY filename ORDER BY file_row_number) AS position,
                   * EXCLUDE (filename, file_row_number)
            FROM read_parquet('{Glob(dataDir)}', filename = true, file_row_number = true, hive_partitioning = false)
            WHERE customer_id <> {erased}
            """);

    /// <summary>Rows of <paramref name="before"/> missing from <paramref name="after"/>, rows only in after, rows in after, erased rows left in the files.</summary>
    public static (long Missing, long Extra, long Kept, long ErasedLeft) Compare(string before, string after, string dataDir, long erased, string scratch)
    {
        var result = Path.Combine(scratch, "compare.parquet");
        NodeScripts.Run(TimeSpan.FromSeconds(120), "copy.mjs", result,
            $"""
            SELECT (SELECT count(*) FROM (FROM read_parquet('{before}') EXCEPT ALL FROM read_parquet('{after}'))) AS missing,
                   (SELECT count(*) FROM (FROM read_parquet('{after}') EXCEPT ALL FROM read_parquet('{before}'))) AS extra,
                   (SELECT count(*) FROM read_parquet('{after}')) AS kept,
                   (SELECT count(*) FROM read_parquet('{Glob(dataDir)}', hive_partitioning = false) WHERE customer_id = {erased}) AS erased_left
            """);
        using var reader = ParquetFileReader.Open(result);
        var batch = reader.ReadAll();
        long Value(string column) => (long)batch[column].GetValue(0)!;
        return (Value("missing"), Value("extra"), Value("kept"), Value("erased_left"));
    }

    private static string Glob(string dataDir) => Path.Combine(dataDir, "**", "*.parquet");
}
