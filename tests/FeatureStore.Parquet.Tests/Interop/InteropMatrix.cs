namespace FeatureStore.Parquet.Tests.Interop;

/// <summary>The files tests/interop/generate.mjs writes (kept equal to its manifest by a test).</summary>
internal static class InteropMatrix
{
    public static IReadOnlyList<string> DuckDbFiles { get; } =
        (from codec in new[] { "uncompressed", "snappy", "gzip", "zstd" }
         from version in new[] { "v1", "v2" }
         from dictionary in new[] { "dict", "plain" }
         select $"duckdb_{codec}_{version}_{dictionary}.parquet").ToArray();

    public static IReadOnlyList<string> WasmFiles { get; } =
        (from codec in new[] { "uncompressed", "snappy", "gzip", "zstd" }
         from variant in new[] { $"plain_{codec}_v1", $"dict_{codec}_v2" }
         select $"wasm_{variant}.parquet")
        .Concat(["wasm_delta_snappy_v2.parquet", "wasm_deltalength_zstd_v1.parquet", "wasm_bytestreamsplit_gzip_v2.parquet", "wasm_smallpages_snappy_v1.parquet"])
        .ToArray();

    public static TheoryData<string> AllFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in DuckDbFiles.Concat(WasmFiles))
        {
            data.Add(file);
        }

        return data;
    }
}
