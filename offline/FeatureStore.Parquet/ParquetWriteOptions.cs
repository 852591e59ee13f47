namespace FeatureStore.Parquet;

/// <summary>Writer settings. Statistics (min, max, null count) are always written.</summary>
public sealed record ParquetWriteOptions
{
    public static ParquetWriteOptions Default { get; } = new();

    public ParquetCompression Compression { get; init; } = ParquetCompression.Snappy;

    /// <summary>Codec level for Zstd (1..22, default 3) and Gzip (0..9 mapped to fastest/optimal); null = codec default.</summary>
    public int? CompressionLevel { get; init; }

    /// <summary>Rows per row group; WriteBatch buffers rows until a group is full.</summary>
    public int RowGroupSize { get; init; } = 1 << 20;

    /// <summary>Dictionary-encode columns (RLE_DICTIONARY); a column falls back to PLAIN when its dictionary grows past <see cref="DictionaryPageSizeLimit"/>.</summary>
    public bool DictionaryEncoding { get; init; } = true;

    /// <summary>Largest plain-encoded dictionary size in bytes before falling back to PLAIN.</summary>
    public int DictionaryPageSizeLimit { get; init; } = 1 << 20;

    /// <summary>Target uncompressed size of one data page in bytes.</summary>
    public int DataPageSize { get; init; } = 1 << 20;

    /// <summary>Data page format: 1 (DataPage, default, widest compatibility) or 2 (DataPageV2).</summary>
    public int DataPageVersion { get; init; } = 1;

    /// <summary>
    /// Threads that encode and compress a row group's column chunks side by side (default: every core; 1 = the calling thread
    /// only). The file's bytes are the same for every value: chunks are appended in schema order.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Key/value metadata stored in the footer.</summary>
    public IReadOnlyDictionary<string, string>? KeyValueMetadata { get; init; }

    /// <summary>The footer's created_by string (format "application version X (build Y)").</summary>
    public string CreatedBy { get; init; } = "FeatureStore.Parquet version 1.0.0 (build featurestore)";
}
