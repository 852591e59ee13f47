using FeatureStore.Parquet;

namespace FeatureStore.Offline;

/// <summary>The spine in memory: its columns as read (passed through to the output) and each row's timestamp in epoch microseconds.</summary>
internal sealed record SpineTable(string Path, RecordBatch Batch, long[] Timestamps)
{
    public int RowCount => Batch.RowCount;

    /// <summary>Where a row came from, for errors: "line N" for CSV (header is line 1), "row N" for Parquet.</summary>
    public Func<int, string> RowLabel { get; init; } = row => $"row {row}";
}
