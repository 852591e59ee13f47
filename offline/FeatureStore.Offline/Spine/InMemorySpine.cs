using FeatureStore.Parquet;

namespace FeatureStore.Offline;

/// <summary>
/// A spine already in memory (rows of a C# type, an Arrow batch) instead of a file: its columns, and a label that names
/// it in errors and in the manifest (e.g. <c>Spine.FromRows&lt;Label&gt;</c>).
/// </summary>
public sealed record InMemorySpine(RecordBatch Batch, string Label)
{
    /// <summary>How the manifest records an in-memory spine's path: this prefix, then the label.</summary>
    public const string ManifestPrefix = "memory:";

    /// <summary>
    /// When true, a column whose name equals a join key's or the timestamp column's name ignoring case and underscores
    /// (<c>DriverId</c> and <c>driver_id</c>) is taken as that column and renamed to it.
    /// </summary>
    public bool MatchNamesLoosely { get; init; }
}
