namespace FeatureStore.Parquet;

/// <summary>Column chunk compression codecs (values match the Parquet CompressionCodec enum).</summary>
public enum ParquetCompression
{
    None = 0,
    Snappy = 1,
    Gzip = 2,
    Lzo = 3,
    Brotli = 4,
    Lz4 = 5,
    Zstd = 6,
    Lz4Raw = 7,
}
