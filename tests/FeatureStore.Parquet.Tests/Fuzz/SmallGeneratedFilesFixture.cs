using FeatureStore.Parquet.Tests.Interop;

namespace FeatureStore.Parquet.Tests.Fuzz;

/// <summary>The interop generator's files at 200 rows: small valid DuckDB and parquet-wasm files to mutate.</summary>
public sealed class SmallGeneratedFilesFixture : GeneratedFilesFixture
{
    public SmallGeneratedFilesFixture()
        : base(rows: 200)
    {
    }
}
