namespace FeatureStore.Parquet;

/// <summary>Reader limits. Every size read from a file is checked against these before anything is allocated.</summary>
public sealed record ParquetReadOptions
{
    public static ParquetReadOptions Default { get; } = new();

    /// <summary>Largest single buffer the reader allocates on behalf of the file (pages, dictionaries, strings, lists).</summary>
    public long MaxAllocationBytes { get; init; } = 1L << 30;

    /// <summary>Deepest Thrift struct/list nesting accepted in metadata.</summary>
    public int MaxThriftDepth { get; init; } = 64;

    /// <summary>Where decoded fixed-width columns take their value arrays from; null = new arrays.</summary>
    public ColumnBufferPool? Buffers { get; init; }
}
