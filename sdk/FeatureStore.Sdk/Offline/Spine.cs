using System.Diagnostics.CodeAnalysis;
using FeatureStore.Offline;
using FeatureStore.Sdk.Arrow;
using ArrowRecordBatch = Apache.Arrow.RecordBatch;
using ParquetRecordBatch = FeatureStore.Parquet.RecordBatch;

namespace FeatureStore.Sdk.Offline;

/// <summary>
/// The labelled events a training set is built for: one row per event with the entity's join keys and a timestamp;
/// other columns (labels) pass through to the output. From a file, from rows of a C# type, or from an Arrow batch.
/// Every kind goes through the same checks when the training set is built (key types, timestamp column, no null timestamps).
/// </summary>
public sealed class Spine
{
    public const string DefaultTimestampColumn = "event_timestamp";

    private readonly string? filePath;
    private readonly InMemorySpine? batch;

    private Spine(string? filePath, InMemorySpine? batch, string timestampColumn)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(timestampColumn);
        this.filePath = filePath;
        this.batch = batch;
        TimestampColumn = timestampColumn;
    }

    /// <summary>The column holding each event's time.</summary>
    public string TimestampColumn { get; }

    /// <summary>The file's full path, or the in-memory spine's label (e.g. <c>Spine.FromRows&lt;Label&gt;</c>).</summary>
    public string Description => filePath ?? batch!.Label;

    /// <summary>A .parquet or .csv file (read when the training set is built; a relative path starts at the current directory).</summary>
    public static Spine FromFile(string path, string timestampColumn = DefaultTimestampColumn)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new Spine(Path.GetFullPath(path), null, timestampColumn);
    }

    /// <summary>
    /// Rows of a record or class, read now: each public property becomes a column named in snake_case (<c>DriverId</c> →
    /// <c>driver_id</c>). Join keys and the timestamp column are matched ignoring case and underscores. Properties may be
    /// long, int, string, DateTimeOffset, DateTime (UTC), double, float or bool, or their nullable forms.
    /// </summary>
    /// <exception cref="FeatureStoreException">A property of another type (<see cref="FeatureStoreErrorCode.InvalidSpine"/>), naming it.</exception>
    public static Spine FromRows<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(IEnumerable<T> rows, string timestampColumn = DefaultTimestampColumn)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var label = $"Spine.FromRows<{typeof(T).Name}>";
        return new Spine(null, new InMemorySpine(RowColumns.ToBatch(rows, label), label) { MatchNamesLoosely = true }, timestampColumn);
    }

    /// <summary>An Apache Arrow record batch (e.g. from pandas or Polars through Arrow IPC), copied now.</summary>
    /// <exception cref="FeatureStoreException">A column's Arrow type has no counterpart (<see cref="FeatureStoreErrorCode.InvalidSpine"/>).</exception>
    public static Spine FromArrow(ArrowRecordBatch batch, string timestampColumn = DefaultTimestampColumn)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ParquetRecordBatch converted;
        try
        {
            converted = ArrowBatches.FromArrow(batch);
        }
        catch (ArgumentException e)
        {
            throw new FeatureStoreException(FeatureStoreErrorCode.InvalidSpine, $"Spine.FromArrow: {e.Message}", e);
        }

        return new Spine(null, new InMemorySpine(converted, $"Spine.FromArrow({batch.Length} rows)"), timestampColumn);
    }

    /// <summary>A batch already in the project's columnar form (e.g. read with FeatureStore.Parquet); not copied.</summary>
    public static Spine FromBatch(ParquetRecordBatch batch, string timestampColumn = DefaultTimestampColumn, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return new Spine(null, new InMemorySpine(batch, label ?? $"Spine.FromBatch({batch.RowCount} rows)"), timestampColumn);
    }

    internal TrainingSetRequest ApplyTo(TrainingSetRequest request) =>
        request with { SpinePath = filePath, SpineBatch = batch, TimestampColumn = TimestampColumn };
}
