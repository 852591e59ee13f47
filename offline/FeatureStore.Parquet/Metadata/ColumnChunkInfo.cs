namespace FeatureStore.Parquet;

/// <summary>Metadata of one column chunk (one column inside one row group).</summary>
public sealed record ColumnChunkInfo(
    string Column,
    ParquetCompression Codec,
    IReadOnlyList<ParquetEncoding> Encodings,
    long ValueCount,
    long CompressedSize,
    long UncompressedSize,
    ColumnStatistics? Statistics);
