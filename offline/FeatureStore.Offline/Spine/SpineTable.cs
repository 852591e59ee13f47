using FeatureStore.Parquet;

namespace FeatureStore.Offline;

/// <summary>
/// The spine in memory: its columns as read (passed through to the output) and each row's timestamp in epoch microseconds.
/// <see cref="Path"/> names it in errors: the file's path, or an in-memory spine's label (then <see cref="InMemory"/> is true).
/// </summary>
internal sealed record SpineTable(string Path, RecordBatch Batch, long[] Timestamps)
{
    public int RowCount => Batch.RowCount;

    /// <summary>True when the spine was given as a batch, not read from a file (there is no file to fingerprint).</summary>
    public bool InMemory { get; init; }

    /// <summary>Where a row came from, for errors: "line N" for CSV (header is line 1), "row N" for Parquet.</summary>
    public Func<int, string> RowLabel { get; init; } = row => $"row {row}";
}
