using FeatureStore.Materialization.Running;

namespace FeatureStore.Materialization.Progress;

/// <summary>Receives a run's progress: per view, its planned work, rows written as they go, each finished chunk, the result.</summary>
public interface IMaterializationProgress
{
    void ViewStarted(string view, long rowsRead, long rowsToWrite, int chunks);

    void RowsWritten(string view, long writtenSoFar, long rowsToWrite);

    void ChunkDone(string view, int chunk, int chunks, DateTimeOffset chunkStart, long rowsWritten, long rowsSkippedOlder, long rowsRejected);

    void ViewFinished(ViewMaterializationResult result);
}
