namespace FeatureStore.Parquet;

/// <summary>
/// Statistics of one column chunk. Min and Max are decoded into the column's CLR value type:
/// bool, int (Int32, Int8/16 and UInt8/16 widened), long, uint, ulong, float, double, string (String, Enum),
/// byte[] (Binary, FixedLenBinary), decimal, DateTime (Timestamp, UTC kind, truncated to ticks),
/// DateOnly (Date), TimeSpan (Time). Null when the file has none. For list columns they describe the elements.
/// </summary>
public sealed record ColumnStatistics(object? Min, object? Max, long? NullCount, long? DistinctCount)
{
    /// <summary>Raw PLAIN-encoded min as stored (min_value, or the legacy min field for orderings where it is valid).</summary>
    public byte[]? RawMin { get; init; }

    /// <summary>Raw PLAIN-encoded max as stored.</summary>
    public byte[]? RawMax { get; init; }
}
