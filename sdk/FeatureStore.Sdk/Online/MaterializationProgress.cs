using FeatureStore.Materialization.Running;

namespace FeatureStore.Sdk.Online;

/// <summary>What a <see cref="MaterializationProgress"/> report is about.</summary>
public enum MaterializationStage
{
    /// <summary>A view's work is planned: <see cref="MaterializationProgress.RowsRead"/>, <see cref="MaterializationProgress.RowsToWrite"/>, <see cref="MaterializationProgress.Partitions"/>.</summary>
    ViewStarted,

    /// <summary>A re-run found <see cref="MaterializationProgress.Partitions"/> partitions (<see cref="MaterializationProgress.RowsWritten"/> rows) already durable and skips them.</summary>
    PartitionsResumed,

    /// <summary>The view's window was above the memory budget; it is planned from <see cref="MaterializationProgress.SpillBuckets"/> entity buckets spilled to disk.</summary>
    WindowSpilled,

    /// <summary><see cref="MaterializationProgress.RowsWritten"/> of <see cref="MaterializationProgress.RowsToWrite"/> rows handled so far.</summary>
    RowsWritten,

    /// <summary>Partition <see cref="MaterializationProgress.Partition"/> of <see cref="MaterializationProgress.Partitions"/> is durable online.</summary>
    PartitionDone,

    /// <summary>The view is done (or failed): <see cref="MaterializationProgress.Result"/>.</summary>
    ViewFinished,
}

/// <summary>
/// One progress report of a materialization run, for an <see cref="IProgress{T}"/>. Reports come from the worker as the run
/// goes, in order; <see cref="Progress{T}"/> marshals them to its synchronization context (so may deliver them later).
/// Which members are set depends on <see cref="Stage"/>.
/// </summary>
public sealed record MaterializationProgress(MaterializationStage Stage, string View)
{
    public long RowsRead { get; init; }

    public long RowsToWrite { get; init; }

    /// <summary>Rows written so far (RowsWritten), in the partition (PartitionDone), or already durable (PartitionsResumed).</summary>
    public long RowsWritten { get; init; }

    /// <summary>Rows of the partition not written because the store holds a newer event for the entity.</summary>
    public long RowsSkippedOlder { get; init; }

    /// <summary>Rows of the partition stopped by the view's quality gate.</summary>
    public long RowsRejected { get; init; }

    /// <summary>1-based partition number (PartitionDone).</summary>
    public int Partition { get; init; }

    public int Partitions { get; init; }

    /// <summary>Entity buckets the window was spilled into (WindowSpilled).</summary>
    public int SpillBuckets { get; init; }

    /// <summary>Start of the view's event-time window (PartitionDone).</summary>
    public DateTimeOffset? WindowStart { get; init; }

    /// <summary>The view's result (ViewFinished).</summary>
    public ViewMaterializationResult? Result { get; init; }
}
