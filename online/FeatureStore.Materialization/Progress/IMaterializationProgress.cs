using FeatureStore.Materialization.Running;

namespace FeatureStore.Materialization.Progress;

/// <summary>
/// Receives a run's progress: per view, its planned work (rows to write in <c>chunks</c> entity partitions), rows written
/// as they go, each finished partition (<c>chunkStart</c> is the view's window start), the result.
/// </summary>
public interface IMaterializationProgress
{
    void ViewStarted(string view, long rowsRead, long rowsToWrite, int chunks);

    /// <summary>A re-run of the same request found <paramref name="partitions"/> partitions (<paramref name="rows"/> rows) already durable and skips them.</summary>
    void PartitionsResumed(string view, int partitions, long rows)
    {
    }

    /// <summary>The view's window was above the memory budget and is planned from <paramref name="buckets"/> spilled entity buckets.</summary>
    void WindowSpilled(string view, int buckets)
    {
    }

    void RowsWritten(string view, long writtenSoFar, long rowsToWrite);

    void ChunkDone(string view, int chunk, int chunks, DateTimeOffset chunkStart, long rowsWritten, long rowsSkippedOlder, long rowsRejected);

    void ViewFinished(ViewMaterializationResult result);
}
