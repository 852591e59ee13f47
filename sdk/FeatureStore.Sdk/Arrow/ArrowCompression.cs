namespace FeatureStore.Sdk.Arrow;

/// <summary>Compression of the record batch buffers in an Arrow IPC file.</summary>
public enum ArrowCompression
{
    None,

    /// <summary>Zstandard: smaller files; pyarrow, Arrow C++, arrow-rs and Polars read it.</summary>
    Zstd,

    /// <summary>LZ4 frame: faster to decompress, larger than zstd.</summary>
    Lz4Frame,
}
